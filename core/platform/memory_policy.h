#pragma once

namespace couplinglab {

// Makes the C library give every large array back to the system as soon as it is freed.
// The window's diagnostics of millions of draws allocate and free arrays of tens of megabytes
// a few times a second on a pool thread; glibc's adaptive threshold would soon serve those from
// the heap, where freed memory stays in the process, and the resident size would keep the
// peak of every computation. Safe to call more than once; does nothing outside glibc.
void returnLargeArraysToTheSystem();

}  // namespace couplinglab
