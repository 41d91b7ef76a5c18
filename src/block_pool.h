// Large blocks kept between evaluations. A host evaluates the same ledger
// again and again (every night, every screen refresh), and each evaluation
// of a million invoices maps about 900 MB afresh: the request's arena, the
// ledger-sized vectors, the response. Memory given back to the kernel does
// not stay cheap: a virtual machine's kernel hands freed pages back to its
// host (virtio-balloon free page reporting, about two seconds later), and
// touching them again cost about 1 ms a megabyte on the benchmark machine,
// against 0.1–0.2 ms for pages still held (benchmarks/HISTORY.md, the
// thirty-second and thirty-third sessions). So blocks of kPooledBlockBytes
// or more are kept when freed, up to kKeptBytesLimit in all, and the next
// evaluation that asks for a block of the same size class takes one back.
//
// The price is memory: a process that evaluated a large ledger holds up to
// kKeptBytesLimit more than it uses until its next evaluation, or until it
// calls ReleaseKeptBlocks (purring_release_memory in the C ABI), and an
// evaluation peaks higher, since what it frees midway stays resident. A
// rule that kept only what the next evaluation's peak could absorb kept
// too little to matter (194–226 huge-page faults a million-invoice call
// against the pool's 20 and 455 without it).
#ifndef PURRING_SRC_BLOCK_POOL_H_
#define PURRING_SRC_BLOCK_POOL_H_

#include <cstddef>

namespace purring::internal {

// Blocks from this size up (one huge page) are mapped (and kept) whole.
// From 4 MiB up, as until the thirty-fourth session, a million invoices'
// vectors of one int each (3.8 MiB) were malloc's, which mapped them afresh
// each call: 3 900 page faults of 4 KiB, all in ValidateSplit.
inline constexpr size_t kPooledBlockBytes = size_t{2} << 20;
// What the kept blocks may add up to; past it the oldest are unmapped.
// A million-invoice evaluation through purring_evaluate takes 1 068 MiB of
// blocks, its response's 349 MB among them: under a 1 GiB limit the two
// oldest (48 MiB) were unmapped after each such call and mapped afresh in
// the next (benchmarks/HISTORY.md, the thirty-fourth session). 1.5 GiB
// keeps a ledger half as large again whole.
inline constexpr size_t kKeptBytesLimit = size_t{3} << 29;

// The size a block of at least `bytes` is mapped with: whole 2 MiB huge
// pages, and from 16 MiB up four sizes per doubling, so that blocks of
// nearly the same size are one class and can stand in for each other.
// Returns 0 when no block that large can be mapped.
size_t BlockClassBytes(size_t bytes);

// A block of BlockClassBytes(bytes) bytes (bytes >= kPooledBlockBytes),
// aligned to a huge page and advised for huge pages: a kept block of that
// class when there is one, else a fresh mapping (zeroed). Its contents are
// unspecified. Throws std::bad_alloc when none can be mapped.
//
// Which kept block of the class: one last taken for the same `role` (a
// name for what the block is for, e.g. "letters", that lives as long as
// the process: a string literal; nullptr for none), then the one whose
// written pages (all its users' together) cover `bytes` most closely, else
// the one written furthest. A block's written pages are
// resident, and a page written afresh cost about 2 ms a megabyte on the
// benchmark machine. A buffer that grows into a block before it knows its
// size asks for more than it will write, and the buffers of an evaluation
// ask in the same order each time: taking the newest block, or the one
// written furthest, handed a million-invoice evaluation's buffers blocks
// written less far than they then wrote, 24–40 MiB of fresh pages a call
// (50–80 ms; benchmarks/HISTORY.md, the thirty-fourth session), where the
// block a buffer of the same role wrote last time is resident as far as
// this one will likely write.
void* TakeBlock(size_t bytes, const char* role = nullptr);

// Keeps a block TakeBlock gave with the same `bytes`, or unmaps it (or the
// oldest kept ones) past kKeptBytesLimit. written_bytes: how far from its
// start the block was written while taken (at most its class).
void GiveBackBlock(void* block, size_t bytes, size_t written_bytes) noexcept;

// Records that a taken block of `bytes`, written up to written_bytes, now
// belongs to the host, which will hand back only its address
// (FreeHandedOver).
void HandOverBlock(void* block, size_t bytes, size_t written_bytes);

// Frees bytes the library handed over: a block HandOverBlock named goes
// back to the pool, anything else (malloc's) to std::free. Accepts nullptr.
void FreeHandedOver(void* bytes) noexcept;

// Unmaps every kept block; returns how many bytes that gave back.
size_t ReleaseKeptBlocks() noexcept;

// The bytes kept now (for tests and benchmarks).
size_t KeptBytes() noexcept;

}  // namespace purring::internal

#endif  // PURRING_SRC_BLOCK_POOL_H_
