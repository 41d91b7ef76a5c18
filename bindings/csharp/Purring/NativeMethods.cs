// P/Invoke declarations of the C ABI (capi/purring.h). Nothing here is
// public: Engine is the API.
using System;
using System.Runtime.InteropServices;

namespace Purring
{
    // struct purring_buffer: bytes allocated by the library, released only
    // by purring_buffer_free. Blittable, passed by pointer (ref).
    [StructLayout(LayoutKind.Sequential)]
    internal struct PurringBuffer
    {
        public IntPtr Data;
        public UIntPtr Size;
    }

    // purring_write_fn: receives a piece of the response (purring_evaluate_to);
    // 0 to go on, anything else stops the evaluation.
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int PurringWriteFn(IntPtr context, IntPtr data, UIntPtr size);

    internal static class NativeMethods
    {
        // Resolves to libpurring.so (Linux), libpurring.dylib, purring.dll.
        internal const string Library = "purring";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr purring_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int purring_abi_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr purring_status_name(int code);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int purring_evaluate(
            byte[] request, UIntPtr requestSize, ref PurringBuffer response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int purring_evaluate_to(
            byte[] request, UIntPtr requestSize, PurringWriteFn write,
            IntPtr context, ref PurringBuffer error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int purring_evaluate_json(
            byte[] request, UIntPtr requestSize, ref PurringBuffer response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int purring_validate(
            byte[] request, UIntPtr requestSize, ref PurringBuffer message);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void purring_buffer_free(ref PurringBuffer buffer);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern UIntPtr purring_release_memory();
    }
}
