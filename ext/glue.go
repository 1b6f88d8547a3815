//go:build gomvext

package main

/*
#include "gomv_go.h"
*/
import "C"
