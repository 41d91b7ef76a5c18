// The C# binding's tests: a plain runner (no test framework needed) that
// prints each test and "N passed, M failed", and exits non-zero on failure.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
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
                                          "ON_HOLD", "WAITING", "BEFORE_CUTOFF" })
        {
            Assert(response.Contains("\"status\":\"INVOICE_STATUS_" + status + "\""),
                   status);
        }
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
            new KeyValuePair<string, Action>("TheDemoLedgerEvaluates", TheDemoLedgerEvaluates),
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
