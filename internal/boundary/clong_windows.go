package boundary

type cLong = int32
