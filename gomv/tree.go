package gomv

import (
	"strconv"
	"strings"
)

// NodeKind tells what an [ItemNode] stands for.
type NodeKind uint8

const (
	NodeValue  NodeKind = iota + 1 // one value: a number, a bool, or bytes ('c', 's', 'p')
	NodeRecord                     // a struct: a tuple of its elements, in order
	NodeArray                      // a sub-array "(n)": a list of Len elements
)

// ItemNode is one node of the tree of values an item holds (see
// [Format.Tree]). The nodes of a tree are stored in preorder: a record's
// children follow it up to its Next, an array is followed by the one
// subtree that describes each of its elements.
//
// A node stands for Count consecutive elements of its parent, the first
// at byte Offset of the parent element and each next one Size bytes
// further: "3h" is one NodeValue with Count 3 and Size 2.
type ItemNode struct {
	Kind   NodeKind
	Count  int // elements of the parent this node gives, at Offset, Offset+Size, ...
	Offset int // byte offset of the first one within the parent element
	Size   int // bytes of one, and from one to the next ('s', 'p': the string's length)

	Len    int       // NodeRecord: elements of the record; NodeArray: elements of the array
	Stride int       // NodeArray: bytes between the array's elements
	Code   byte      // NodeValue: the struct code
	Order  ByteOrder // NodeValue: the byte order it is stored in
	Next   int       // index of the first node after this subtree
}

// Tree returns the tree of values an item of f holds, root first. The
// root is a NodeRecord of Count 1 holding the item's top-level elements:
// an item whose root has exactly one element is that element (a value, a
// record or an array), like "i" (a number), "T{ii}" (a record) or "5s"
// (bytes); any other item is a tuple of the root's elements, like "hhl"
// or "3h" (three numbers) or "" (none). Pad bytes ('x') are not in the
// tree; nested structs "T{...}" are records, sub-array shapes "(2,3)"
// arrays of arrays.
//
// The leaves, read in preorder and repeated as Count, Len and enclosing
// repetitions say, are the values [Format.Unpack] returns, in its order:
// a binding can build an item's objects from Tree and AppendUnpack's flat
// values without allocating anything per item but the objects. The slice
// belongs to f and must not be modified.
func (f *Format) Tree() []ItemNode {
	if f.tree == nil {
		return rootOnly(f)
	}
	return f.tree
}

// rootOnly is the tree of a Format not made by ParseFormat (such as the
// zero Format): an empty record.
func rootOnly(f *Format) []ItemNode {
	return []ItemNode{{Kind: NodeRecord, Count: 1, Size: f.Size, Next: 1}}
}

// buildTree lays out the tree of f and the signature that says which
// formats' items have the same structure.
func buildTree(f *Format) {
	nodes := []ItemNode{{Kind: NodeRecord, Count: 1, Size: f.Size}}
	nodes = appendFields(nodes, 0, f)
	nodes[0].Next = len(nodes)
	f.tree = nodes
	f.sig = signature(nodes)
}

// appendFields appends the children of the record at nodes[rec] for the
// fields of f and sets the record's Len.
func appendFields(nodes []ItemNode, rec int, f *Format) []ItemNode {
	for i := range f.Fields {
		fld := &f.Fields[i]
		if fld.Code == 'x' || fld.elems() == 0 && fld.Code != 's' && fld.Code != 'p' && len(fld.Shape) == 0 {
			continue
		}
		reps, elem := fld.Count, fld.Size // one repetition: a value, a string, a record or an array
		if fld.Code == 's' || fld.Code == 'p' {
			reps, elem = 1, fld.Count
		}
		if len(fld.Shape) > 0 {
			n := 1
			for _, d := range fld.Shape {
				n *= d
			}
			if fld.Code != 's' && fld.Code != 'p' {
				elem *= n
			} else {
				elem = fld.Count * n
			}
		}
		if reps == 0 {
			continue
		}
		nodes[rec].Len += reps
		nodes = appendElement(nodes, fld, fld.Shape, ItemNode{Count: reps, Offset: fld.Offset, Size: elem})
	}
	return nodes
}

// appendElement appends the subtree of one repeated element of fld: an
// array for each dimension of shape, then the value or record.
func appendElement(nodes []ItemNode, fld *Field, shape []int, n ItemNode) []ItemNode {
	at := len(nodes)
	switch {
	case len(shape) > 0:
		inner := n.Size / max(shape[0], 1)
		if shape[0] == 0 {
			inner = 0
		}
		n.Kind, n.Len, n.Stride = NodeArray, shape[0], inner
		nodes = append(nodes, n)
		nodes = appendElement(nodes, fld, shape[1:], ItemNode{Count: 1, Size: inner})
	case fld.Code == 'T':
		n.Kind = NodeRecord
		nodes = append(nodes, n)
		nodes = appendFields(nodes, at, fld.Sub)
	default:
		n.Kind, n.Code, n.Order = NodeValue, fld.Code, fld.Order
		nodes = append(nodes, n)
	}
	nodes[at].Next = len(nodes)
	return nodes
}

// signature describes the structure of an item, as Python's == sees it,
// independently of codes and offsets: "v" a value, "(...)" a record
// (tuple), "[e*n]" an array (list) of n elements e, with runs of equal
// elements written once with their count ("hh" and "2h" both give
// "(v*2)"). Items of two formats can only be equal if their signatures
// are.
func signature(nodes []ItemNode) string {
	var sb strings.Builder
	root := &nodes[0]
	if root.Len == 1 {
		writeElement(&sb, nodes, 1)
	} else {
		writeRecord(&sb, nodes, 0)
	}
	return sb.String()
}

func writeElement(sb *strings.Builder, nodes []ItemNode, i int) {
	n := &nodes[i]
	switch n.Kind {
	case NodeValue:
		sb.WriteByte('v')
	case NodeRecord:
		writeRecord(sb, nodes, i)
	case NodeArray:
		sb.WriteByte('[')
		writeElement(sb, nodes, i+1)
		sb.WriteByte('*')
		sb.WriteString(strconv.Itoa(n.Len))
		sb.WriteByte(']')
	}
}

// writeRecord writes the record at nodes[i] with runs of equal elements
// merged.
func writeRecord(sb *strings.Builder, nodes []ItemNode, i int) {
	sb.WriteByte('(')
	var prev string
	run := 0
	flush := func() {
		if run > 0 {
			sb.WriteString(prev)
			sb.WriteByte('*')
			sb.WriteString(strconv.Itoa(run))
			sb.WriteByte(',')
		}
	}
	for c := i + 1; c < nodes[i].Next; c = nodes[c].Next {
		var e strings.Builder
		writeElement(&e, nodes, c)
		if s := e.String(); s == prev {
			run += nodes[c].Count
		} else {
			flush()
			prev, run = s, nodes[c].Count
		}
	}
	flush()
	sb.WriteByte(')')
}

// SameStructure reports whether items of f and g have the same structure
// of values: the same nesting of records and arrays with the same numbers
// of elements, whatever the codes, byte orders and padding ("<i" and "q",
// "hh" and "2h", "ii" and "T{ii}" do; "i" and "T{i}", "(2)i" and "ii" do
// not). Only items of the same structure can be equal, and only they can
// be assigned to one another.
func (f *Format) SameStructure(g *Format) bool {
	return f.signature() == g.signature()
}

func (f *Format) signature() string {
	if f.tree == nil {
		return "()"
	}
	return f.sig
}
