// The C# binding's tests: a plain runner (no test framework needed) that
// prints each test and "N passed, M failed", and exits non-zero on failure.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Purring;

static class PurringTests
{
    static string SourceDir
    {
        get
        {
            string dir = Environment.GetEnvironmentVariable("PURRING_SOURCE_DIR");
            if (string.IsNullOrEmpty(dir))
                throw new Exception("PURRING_SOURCE_DIR is not set");
            return dir;
        }
    }

    static string HeaderDefine(string name)
    {
        string header = File.ReadAllText(Path.Combine(SourceDir, "capi", "purring.h"));
        Match m = Regex.Match(header, "#define " + name + " \"?([^\"\\s]+)\"?");
        if (!m.Success) throw new Exception(name + " not found in purring.h");
        return m.Groups[1].Value;
    }

    static string DemoLedger()
    {
        return File.ReadAllText(Path.Combine(SourceDir, "examples", "demo_ledger.json"));
    }

    static void Assert(bool condition, string what)
    {
        if (!condition) throw new Exception("assertion failed: " + what);
    }

    static PurringException Throws(Action action)
    {
        try
        {
            action();
        }
        catch (PurringException e)
        {
            return e;
        }
        throw new Exception("expected a PurringException");
    }

    static void VersionMatchesTheHeader()
    {
        Assert(Engine.Version == HeaderDefine("PURRING_VERSION_STRING"),
               "version " + Engine.Version);
    }

    static void AbiVersionMatchesTheHeaderAndTheBinding()
    {
        int header = int.Parse(HeaderDefine("PURRING_ABI_VERSION"));
        Assert(Engine.AbiVersion == header, "library ABI " + Engine.AbiVersion);
        Assert(Engine.BindingAbiVersion == header, "binding ABI");
        Engine.CheckAbi();
    }

    static void StatusNamesComeFromTheLibrary()
    {
        Assert(Engine.StatusName(3) == "INVALID_ARGUMENT", Engine.StatusName(3));
        Assert(Engine.StatusName((int)StatusCode.Unimplemented) == "UNIMPLEMENTED",
               "UNIMPLEMENTED");
    }

    static void TruncatedJsonIsInvalidArgument()
    {
        string demo = DemoLedger();
        PurringException e = Throws(() => Engine.EvaluateJson(demo.Substring(0, demo.Length / 2)));
        Assert(e.Code == StatusCode.InvalidArgument, "code " + e.Code);
        Assert(e.EngineMessage.Contains("JSON"), e.EngineMessage);
        Assert(e.Message.StartsWith("InvalidArgument: "), e.Message);
    }

    static void ARefusedRecordIsNamed()
    {
        const string request =
            "{\"asOf\": \"2026-11-28T09:00:00Z\"," +
            " \"customers\": [{\"id\": \"K1\", \"name\": \"Kari Nordmann\"}]," +
            " \"invoices\": [{\"number\": \"20001\", \"customerId\": \"K2\"," +
            " \"invoiceDate\": \"2026-11-01\", \"dueDate\": \"2026-11-15\", \"amount\": 10000}]}";
        PurringException e = Throws(() => Engine.EvaluateJson(request));
        Assert(e.Code == StatusCode.InvalidArgument, "code " + e.Code);
        Assert(e.EngineMessage.Contains("invoice \"20001\""), e.EngineMessage);
        Assert(e.EngineMessage.Contains("K2"), e.EngineMessage);
    }

    static void GarbageBytesAreRefused()
    {
        PurringException e = Throws(() => Engine.Evaluate(new byte[] { 0xff, 0xff, 0xff }));
        Assert(e.Code == StatusCode.InvalidArgument, "code " + e.Code);
        e = Throws(() => Engine.Validate(new byte[] { 0xff, 0xff, 0xff }));
        Assert(e.Code == StatusCode.InvalidArgument, "validate code " + e.Code);
    }

    static void AnEmptyRequestLacksItsAsOf()
    {
        PurringException e = Throws(() => Engine.Evaluate(new byte[0]));
        Assert(e.Code == StatusCode.InvalidArgument, "code " + e.Code);
        Assert(e.EngineMessage.Contains("as_of"), e.EngineMessage);
    }

    static void NullArgumentsAreRefused()
    {
        bool thrown = false;
        try { Engine.EvaluateJson(null); } catch (ArgumentNullException) { thrown = true; }
        Assert(thrown, "EvaluateJson(null)");
        thrown = false;
        try { Engine.Evaluate(null); } catch (ArgumentNullException) { thrown = true; }
        Assert(thrown, "Evaluate(null)");
    }

    static void TheDemoLedgerEvaluates()
    {
        string response = Engine.EvaluateJson(DemoLedger());
        Assert(response.Contains("\"asOfDate\":\"2026-11-28\""), "asOfDate");
        Assert(response.Contains("\"engineVersion\":\"" + Engine.Version + "\""),
               "engineVersion");
        foreach (string status in new[] { "READY_TO_SEND", "DEADLINE_NOT_EXPIRED",
                                          "CONSIDER_COLLECTION", "IN_COLLECTION",
                                          "ON_HOLD", "WAITING", "BEFORE_CUTOFF",
                                          "BELOW_MINIMUM" })
        {
            Assert(response.Contains("\"status\":\"INVOICE_STATUS_" + status + "\""),
                   status);
        }
    }

    // EvaluateRequest{as_of: 2026-11-28T10:00:00Z}, encoded by hand (as in
    // tests/c/capi_test.c): this host has no protobuf runtime.
    static readonly byte[] MinimalRequest =
        { 0x0A, 0x06, 0x08, 0xA0, 0xCC, 0xAA, 0xD8, 0x06 };

    static void EvaluateToWritesEvaluatesResponse()
    {
        var output = new MemoryStream();
        Engine.EvaluateTo(MinimalRequest, output);
        byte[] whole = Engine.Evaluate(MinimalRequest);
        byte[] written = output.ToArray();
        Assert(whole.Length > 0 && written.Length == whole.Length,
               "sizes " + written.Length + " and " + whole.Length);
        for (int i = 0; i < whole.Length; i++)
        {
            Assert(written[i] == whole[i], "byte " + i);
        }
    }

    // A stream that refuses every write, as a full disk would.
    class FullDisk : MemoryStream
    {
        public int Writes;
        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            throw new IOException("No space left on device");
        }
    }

    static void EvaluateToStopsAndRethrowsTheStreamsException()
    {
        var disk = new FullDisk();
        bool thrown = false;
        try { Engine.EvaluateTo(MinimalRequest, disk); }
        catch (IOException e) { thrown = e.Message == "No space left on device"; }
        Assert(thrown, "the stream's IOException");
        Assert(disk.Writes == 1, "writes " + disk.Writes);
    }

    // A stream whose first write aborts its thread, as a host stopping a
    // worker would (Mono and .NET Framework).
    class AbortingStream : MemoryStream
    {
        public int Writes;
        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            Thread.CurrentThread.Abort("stop");
        }
    }

    static void WriteVarint(Stream to, ulong value)
    {
        for (; value >= 0x80; value >>= 7) to.WriteByte((byte)(value | 0x80));
        to.WriteByte((byte)value);
    }

    static void WriteBytes(Stream to, int field, byte[] value)
    {
        WriteVarint(to, (ulong)(field << 3 | 2));
        WriteVarint(to, (ulong)value.Length);
        to.Write(value, 0, value.Length);
    }

    static void WriteText(Stream to, int field, string value)
    {
        WriteBytes(to, field, Encoding.UTF8.GetBytes(value));
    }

    // A serialized EvaluateRequest of `count` overdue invoices, a person
    // customer each, in protobuf's wire format written by hand (these tests
    // hold no Google.Protobuf): EvaluateRequest customers 4, invoices 5;
    // Customer id 1, name 2, crm_type 3, invoice_email 7; Invoice number 1,
    // customer_id 2, invoice_date 3, due_date 4, amount 5.
    static byte[] OverdueLedger(int count)
    {
        var request = new MemoryStream();
        request.Write(MinimalRequest, 0, MinimalRequest.Length);
        for (int i = 0; i < count; i++)
        {
            string id = "K" + i;
            var customer = new MemoryStream();
            WriteText(customer, 1, id);
            WriteText(customer, 2, id);
            WriteVarint(customer, 3 << 3);
            WriteVarint(customer, 2);  // CUSTOMER_TYPE_PERSON
            WriteText(customer, 7, "faktura@kunde.no");
            WriteBytes(request, 4, customer.ToArray());
            var invoice = new MemoryStream();
            WriteText(invoice, 1, (i + 1).ToString());
            WriteText(invoice, 2, id);
            WriteText(invoice, 3, "2026-09-01");
            WriteText(invoice, 4, "2026-09-15");
            WriteVarint(invoice, 5 << 3);
            WriteVarint(invoice, 100000);
            WriteBytes(request, 5, invoice.ToArray());
        }
        return request.ToArray();
    }

    static long ResidentBytes()
    {
        foreach (string line in File.ReadAllLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:"))
                return long.Parse(line.Split(new[] { ' ', '\t' },
                    StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        throw new Exception("no VmRSS");
    }

    static void AThreadAbortedInEvaluateToLeavesTheEngineFirst()
    {
        // The abort once unwound through the engine's native frames, past
        // their destructors: about 15 MiB a call leaked at 100 000 invoices.
        // Now the write returns, the engine stops and frees what it holds,
        // and the abort is raised again once the call is over, its state
        // kept. Forty aborted calls on 20 000 invoices leaked 308 MiB before.
        byte[] request = OverdueLedger(20000);
        Assert(Engine.Evaluate(request).Length > 20000, "the ledger evaluates");
        long before = 0;
        for (int call = 0; call < 41; call++)
        {
            if (call == 1) before = ResidentBytes();  // after the first warms up
            var stream = new AbortingStream();
            object state = null;
            bool ranOn = false;
            var worker = new Thread(() =>
            {
                try { Engine.EvaluateTo(request, stream); }
                catch (ThreadAbortException e) { state = e.ExceptionState; }
                ranOn = true;  // not reached: the abort stands
            });
            worker.Start();
            worker.Join();
            Assert((string)state == "stop", "state " + state);
            Assert(!ranOn, "the abort was lost");
            Assert(stream.Writes == 1, "writes " + stream.Writes);
        }
        // Under AddressSanitizer (CI's hardening preloads it) freed memory
        // waits in its quarantine: resident memory says nothing there.
        string preload = Environment.GetEnvironmentVariable("LD_PRELOAD") ?? "";
        if (preload.Contains("libasan")) return;
        long grown = ResidentBytes() - before;
        Assert(grown < 40L << 20, "resident memory grew " + (grown >> 20) + " MiB");
    }

    static void ALargeEvaluationsMemoryIsKeptUntilReleased()
    {
        Engine.ReleaseMemory();
        byte[] request = OverdueLedger(50000);
        byte[] first = Engine.Evaluate(request);
        ulong kept = Engine.ReleaseMemory();
        Assert(kept >= 4UL << 20, "kept " + kept + " bytes");
        Assert(Engine.ReleaseMemory() == 0, "kept after a release");
        // A small evaluation keeps nothing; a large one again gives the same
        // bytes in blocks an earlier one wrote.
        Engine.Evaluate(MinimalRequest);
        Assert(Engine.ReleaseMemory() == 0, "kept after a small evaluation");
        Engine.Evaluate(request);
        byte[] again = Engine.Evaluate(request);
        Assert(again.Length == first.Length, "sizes " + again.Length + " and " + first.Length);
        for (int i = 0; i < first.Length; i++)
        {
            if (again[i] != first[i]) { Assert(false, "byte " + i); break; }
        }
        Engine.ReleaseMemory();
    }

    static void EvaluateToRefusesLikeEvaluate()
    {
        PurringException e = Throws(
            () => Engine.EvaluateTo(new byte[] { 0xff, 0xff, 0xff }, new MemoryStream()));
        Assert(e.Code == StatusCode.InvalidArgument, "code " + e.Code);
        bool thrown = false;
        try { Engine.EvaluateTo(MinimalRequest, null); }
        catch (ArgumentNullException) { thrown = true; }
        Assert(thrown, "EvaluateTo(request, null)");
    }

    static void ALoneSurrogateIsRefusedNotReplaced()
    {
        bool thrown = false;
        try
        {
            Engine.EvaluateJson("{\"asOf\":\"2026-11-28T10:00:00Z\",\"customers\":[{\"id\":\"K\ud8001\"}]}");
        }
        catch (ArgumentException) { thrown = true; }
        Assert(thrown, "a lone surrogate reached the engine as U+FFFD");
    }

    static int Main()
    {
        var tests = new List<KeyValuePair<string, Action>>
        {
            new KeyValuePair<string, Action>("VersionMatchesTheHeader", VersionMatchesTheHeader),
            new KeyValuePair<string, Action>("AbiVersionMatchesTheHeaderAndTheBinding", AbiVersionMatchesTheHeaderAndTheBinding),
            new KeyValuePair<string, Action>("StatusNamesComeFromTheLibrary", StatusNamesComeFromTheLibrary),
            new KeyValuePair<string, Action>("TruncatedJsonIsInvalidArgument", TruncatedJsonIsInvalidArgument),
            new KeyValuePair<string, Action>("ARefusedRecordIsNamed", ARefusedRecordIsNamed),
            new KeyValuePair<string, Action>("GarbageBytesAreRefused", GarbageBytesAreRefused),
            new KeyValuePair<string, Action>("AnEmptyRequestLacksItsAsOf", AnEmptyRequestLacksItsAsOf),
            new KeyValuePair<string, Action>("NullArgumentsAreRefused", NullArgumentsAreRefused),
            new KeyValuePair<string, Action>("ALoneSurrogateIsRefusedNotReplaced", ALoneSurrogateIsRefusedNotReplaced),
            new KeyValuePair<string, Action>("TheDemoLedgerEvaluates", TheDemoLedgerEvaluates),
            new KeyValuePair<string, Action>("EvaluateToWritesEvaluatesResponse", EvaluateToWritesEvaluatesResponse),
            new KeyValuePair<string, Action>("EvaluateToStopsAndRethrowsTheStreamsException", EvaluateToStopsAndRethrowsTheStreamsException),
            new KeyValuePair<string, Action>("AThreadAbortedInEvaluateToLeavesTheEngineFirst", AThreadAbortedInEvaluateToLeavesTheEngineFirst),
            new KeyValuePair<string, Action>("EvaluateToRefusesLikeEvaluate", EvaluateToRefusesLikeEvaluate),
            new KeyValuePair<string, Action>("ALargeEvaluationsMemoryIsKeptUntilReleased", ALargeEvaluationsMemoryIsKeptUntilReleased),
        };
        int passed = 0, failed = 0;
        foreach (var test in tests)
        {
            try
            {
                test.Value();
                passed++;
                Console.WriteLine("ok      " + test.Key);
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine("FAILED  " + test.Key + ": " + e);
            }
        }
        Console.WriteLine(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
