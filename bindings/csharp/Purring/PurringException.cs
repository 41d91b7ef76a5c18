using System;

namespace Purring
{
    // The C ABI's status codes: the absl::StatusCode numbers, pinned.
    public enum StatusCode
    {
        Ok = 0,
        Cancelled = 1,
        Unknown = 2,
        InvalidArgument = 3,
        DeadlineExceeded = 4,
        NotFound = 5,
        AlreadyExists = 6,
        PermissionDenied = 7,
        ResourceExhausted = 8,
        FailedPrecondition = 9,
        Aborted = 10,
        OutOfRange = 11,
        Unimplemented = 12,
        Internal = 13,
        Unavailable = 14,
        DataLoss = 15,
        Unauthenticated = 16,
    }

    // A call the engine refused. Message is the engine's text naming the
    // record and field; Code says what kind of failure it is.
    public class PurringException : Exception
    {
        public PurringException(StatusCode code, string message)
            : base(code + ": " + message)
        {
            Code = code;
            EngineMessage = message;
        }

        public StatusCode Code { get; private set; }

        // The message as the engine wrote it, without the code.
        public string EngineMessage { get; private set; }
    }
}
