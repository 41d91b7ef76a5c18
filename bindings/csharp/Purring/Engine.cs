// The purring engine over its C ABI. Every method is thread-safe: the
// library keeps no state between calls but the large blocks of memory it
// keeps for the next evaluation (ReleaseMemory).
using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace Purring
{
    public static class Engine
    {
        // The ABI number this binding is written against (PURRING_ABI_VERSION).
        public const int BindingAbiVersion = 1;

        static readonly object AbiLock = new object();
        static bool abiChecked;

        // The loaded library's version, e.g. "1.0.0".
        public static string Version
        {
            get { return Utf8String(NativeMethods.purring_version()); }
        }

        // The loaded library's ABI number.
        public static int AbiVersion
        {
            get { return NativeMethods.purring_abi_version(); }
        }

        // The library's name for a status code, e.g. "INVALID_ARGUMENT".
        public static string StatusName(int code)
        {
            return Utf8String(NativeMethods.purring_status_name(code));
        }

        // Throws on a lone surrogate instead of sending U+FFFD in its place:
        // the engine must see the text the host has, or refuse it.
        static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        // EvaluateRequest JSON (the proto3 mapping) in, EvaluateResponse JSON
        // out. Throws PurringException when the engine refuses the request,
        // and ArgumentException (EncoderFallbackException) when requestJson
        // holds a lone surrogate, which UTF-8 cannot carry.
        public static string EvaluateJson(string requestJson)
        {
            if (requestJson == null) throw new ArgumentNullException("requestJson");
            CheckAbi();
            byte[] request = StrictUtf8.GetBytes(requestJson);
            var response = new PurringBuffer();
            try
            {
                int code = NativeMethods.purring_evaluate_json(
                    request, (UIntPtr)request.Length, ref response);
                return Encoding.UTF8.GetString(Check(code, ref response));
            }
            finally
            {
                NativeMethods.purring_buffer_free(ref response);
            }
        }

        // A serialized purring.v1.EvaluateRequest in, a serialized
        // EvaluateResponse out.
        public static byte[] Evaluate(byte[] request)
        {
            if (request == null) throw new ArgumentNullException("request");
            CheckAbi();
            var response = new PurringBuffer();
            try
            {
                int code = NativeMethods.purring_evaluate(
                    request, (UIntPtr)request.Length, ref response);
                return Check(code, ref response);
            }
            finally
            {
                NativeMethods.purring_buffer_free(ref response);
            }
        }

        // A serialized purring.v1.EvaluateRequest in; the serialized
        // EvaluateResponse written to output in pieces (up to about 1 MiB
        // each, in order) as it is made: together they are Evaluate's
        // response, but on one thread neither side holds a large ledger's
        // response whole.
        // Throws PurringException when the engine refuses the request (what
        // output received is then not a response: discard it). An exception
        // thrown by output stops the evaluation and is thrown again here.
        public static void EvaluateTo(byte[] request, Stream output)
        {
            if (request == null) throw new ArgumentNullException("request");
            if (output == null) throw new ArgumentNullException("output");
            CheckAbi();
            byte[] piece = new byte[0];
            ExceptionDispatchInfo raised = null;
            bool aborted = false;
            object abortState = null;
            // Exceptions must not unwind through the native frames: kept, and
            // the evaluation told to stop.
            PurringWriteFn write = (context, data, size) =>
            {
                try
                {
                    int length = checked((int)size.ToUInt64());
                    if (piece.Length < length) piece = new byte[length];
                    Marshal.Copy(data, piece, 0, length);
                    output.Write(piece, 0, length);
                    return 0;
                }
                catch (ThreadAbortException e)
                {
                    // Mono and .NET Framework raise an abort again at the end
                    // of its catch block, through the native frames (the
                    // engine's memory then leaks): put off until the call is
                    // over. (.NET 5 and later have no Thread.Abort.)
                    aborted = true;
                    abortState = e.ExceptionState;  // ResetAbort clears it
                    Thread.ResetAbort();
                    return 1;
                }
                catch (Exception e)
                {
                    raised = ExceptionDispatchInfo.Capture(e);
                    return 1;
                }
            };
            var error = new PurringBuffer();
            try
            {
                int code = NativeMethods.purring_evaluate_to(
                    request, (UIntPtr)request.Length, write, IntPtr.Zero,
                    ref error);
                GC.KeepAlive(write);
                if (aborted) Thread.CurrentThread.Abort(abortState);
                if (raised != null) raised.Throw();
                Check(code, ref error);
            }
            finally
            {
                NativeMethods.purring_buffer_free(ref error);
            }
        }

        // Checks a serialized EvaluateRequest without evaluating it.
        public static void Validate(byte[] request)
        {
            if (request == null) throw new ArgumentNullException("request");
            CheckAbi();
            var message = new PurringBuffer();
            try
            {
                int code = NativeMethods.purring_validate(
                    request, (UIntPtr)request.Length, ref message);
                Check(code, ref message);
            }
            finally
            {
                NativeMethods.purring_buffer_free(ref message);
            }
        }

        // Gives back to the system the large blocks (2 MiB and up, up to
        // 1.5 GiB in all) the library keeps between evaluations, for a process
        // that evaluated a large ledger and will not evaluate again soon.
        // Returns the bytes given back.
        public static ulong ReleaseMemory()
        {
            CheckAbi();
            return (ulong)NativeMethods.purring_release_memory();
        }

        // Loads the library and refuses one built for another ABI, once per
        // process; every Evaluate and Validate calls it first. A host may call
        // it at start-up to fail there rather than at its first evaluation.
        public static void CheckAbi()
        {
            lock (AbiLock)
            {
                if (abiChecked) return;
                int found;
                try
                {
                    found = NativeMethods.purring_abi_version();
                }
                catch (DllNotFoundException e)
                {
                    throw new DllNotFoundException(
                        "libpurring could not be loaded ([DllImport(\"purring\")] " +
                        "looks for libpurring.so, a link to libpurring.so.1): put it " +
                        "on LD_LIBRARY_PATH, in a directory ldconfig knows or (Mono) " +
                        "next to the application, or map it to its path (Mono: a " +
                        "dllmap in Purring.dll.config; .NET: " +
                        "NativeLibrary.SetDllImportResolver)", e);
                }
                if (found != BindingAbiVersion)
                {
                    throw new PurringException(StatusCode.FailedPrecondition,
                        "libpurring has ABI version " + found +
                        ", this binding needs " + BindingAbiVersion);
                }
                abiChecked = true;
            }
        }

        // The one status check: copies the buffer (the result, or the error
        // message) and throws on a non-zero code. The caller frees it.
        static byte[] Check(int code, ref PurringBuffer buffer)
        {
            byte[] bytes = Copy(buffer);
            if (code != 0)
            {
                throw new PurringException((StatusCode)code,
                                           Encoding.UTF8.GetString(bytes));
            }
            return bytes;
        }

        static byte[] Copy(PurringBuffer buffer)
        {
            ulong size = buffer.Size.ToUInt64();
            if (buffer.Data == IntPtr.Zero || size == 0) return new byte[0];
            if (size > int.MaxValue)
            {
                throw new PurringException(StatusCode.ResourceExhausted,
                    "response of " + size + " bytes is too large for a byte[]");
            }
            var bytes = new byte[(int)size];
            Marshal.Copy(buffer.Data, bytes, 0, bytes.Length);
            return bytes;
        }

        static string Utf8String(IntPtr text)
        {
            if (text == IntPtr.Zero) return null;
            int length = 0;
            while (Marshal.ReadByte(text, length) != 0) length++;
            var bytes = new byte[length];
            Marshal.Copy(text, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }
    }
}
