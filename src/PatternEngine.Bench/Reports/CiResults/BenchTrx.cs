using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using PatternEngine.Bench.Gates;

namespace PatternEngine.Bench.Reports.CiResults;

/// <summary>
/// A bench as Visual Studio test results (TRX, the format <c>dotnet test --logger trx</c> writes and Azure DevOps
/// reads): one unit test per pattern (class <c>patterns</c>) and per gate threshold and pattern (class
/// <c>gates.PATTERN</c>). Ids are derived from the names and the bench's date, so the same bench writes the same file.
/// </summary>
public static class BenchTrx
{
    /// <summary>The TRX namespace.</summary>
    public const string Namespace = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private const string UnitTestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";
    private const string ResultsNotInAList = "8c84fa94-04c1-424b-9868-57a2d4851a1d";
    private const string AllLoadedResults = "19431567-8539-422a-85d7-44ee4e166bda";

    /// <summary>The report and its gates (if any) as TRX text.</summary>
    public static string ToXml(BenchReport report, GateReport? gates = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        XNamespace ns = Namespace;
        var tests = CiTest.From(report, gates);
        var start = report.StartedAt;
        var finish = start.AddSeconds(tests.Sum(t => t.Seconds));
        var seed = report.StartedAt.ToString("O", CultureInfo.InvariantCulture);
        var rows = tests.Select(t => (Test: t, TestId: Id(seed, "test", t.Suite, t.Name), ExecutionId: Id(seed, "execution", t.Suite, t.Name))).ToList();
        var root = new XElement(ns + "TestRun",
            new XAttribute("id", Id(seed, "run")),
            new XAttribute("name", $"patterns bench {Date(start)}"),
            new XElement(ns + "Times", new XAttribute("creation", Date(start)), new XAttribute("queuing", Date(start)), new XAttribute("start", Date(start)), new XAttribute("finish", Date(finish))),
            new XElement(ns + "Results", rows.Select(r => new XElement(ns + "UnitTestResult",
                new XAttribute("executionId", r.ExecutionId),
                new XAttribute("testId", r.TestId),
                new XAttribute("testName", $"{r.Test.Suite}.{r.Test.Name}"),
                new XAttribute("computerName", "patterns"),
                new XAttribute("duration", TimeSpan.FromSeconds(r.Test.Seconds).ToString("c", CultureInfo.InvariantCulture)),
                new XAttribute("startTime", Date(start)),
                new XAttribute("endTime", Date(finish)),
                new XAttribute("testType", UnitTestType),
                new XAttribute("outcome", Outcome(r.Test.Outcome)),
                new XAttribute("testListId", ResultsNotInAList),
                new XElement(ns + "Output",
                    new XElement(ns + "StdOut", r.Test.Output),
                    r.Test.Message is { } message ? new XElement(ns + "ErrorInfo", new XElement(ns + "Message", message)) : null)))),
            new XElement(ns + "TestDefinitions", rows.Select(r => new XElement(ns + "UnitTest",
                new XAttribute("name", $"{r.Test.Suite}.{r.Test.Name}"),
                new XAttribute("storage", report.GoldenFile),
                new XAttribute("id", r.TestId),
                new XElement(ns + "Execution", new XAttribute("id", r.ExecutionId)),
                new XElement(ns + "TestMethod",
                    new XAttribute("codeBase", report.GoldenFile),
                    new XAttribute("adapterTypeName", "executor://patterns-bench"),
                    new XAttribute("className", r.Test.Suite),
                    new XAttribute("name", r.Test.Name))))),
            new XElement(ns + "TestEntries", rows.Select(r => new XElement(ns + "TestEntry",
                new XAttribute("testId", r.TestId), new XAttribute("executionId", r.ExecutionId), new XAttribute("testListId", ResultsNotInAList)))),
            new XElement(ns + "TestLists",
                new XElement(ns + "TestList", new XAttribute("name", "Results Not in a List"), new XAttribute("id", ResultsNotInAList)),
                new XElement(ns + "TestList", new XAttribute("name", "All Loaded Results"), new XAttribute("id", AllLoadedResults))),
            new XElement(ns + "ResultSummary",
                new XAttribute("outcome", tests.Any(t => t.Outcome == CiOutcome.Failed) ? "Failed" : "Completed"),
                new XElement(ns + "Counters",
                    new XAttribute("total", tests.Count),
                    new XAttribute("executed", tests.Count(t => t.Outcome != CiOutcome.Skipped)),
                    new XAttribute("passed", tests.Count(t => t.Outcome == CiOutcome.Passed)),
                    new XAttribute("failed", tests.Count(t => t.Outcome == CiOutcome.Failed)),
                    new XAttribute("error", 0),
                    new XAttribute("timeout", 0),
                    new XAttribute("aborted", 0),
                    new XAttribute("inconclusive", 0),
                    new XAttribute("notExecuted", tests.Count(t => t.Outcome == CiOutcome.Skipped)))));
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root + "\n";
    }

    private static string Outcome(CiOutcome outcome) => outcome switch
    {
        CiOutcome.Passed => "Passed",
        CiOutcome.Failed => "Failed",
        _ => "NotExecuted",
    };

    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    // A name-based id (the first 16 bytes of a SHA-256), so a bench's file does not change between writes.
    private static string Id(params string[] parts) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts))).AsSpan(0, 16)).ToString();
}
