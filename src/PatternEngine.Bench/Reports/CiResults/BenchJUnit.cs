using System.Globalization;
using System.Xml.Linq;
using PatternEngine.Bench.Gates;

namespace PatternEngine.Bench.Reports.CiResults;

/// <summary>
/// A bench as JUnit XML (<c>testsuites</c>/<c>testsuite</c>/<c>testcase</c>, as Jenkins, GitLab and GitHub test
/// reporters read it): a suite <c>patterns</c> with one test per pattern, and a suite <c>gates.PATTERN</c> per pattern
/// with one test per threshold.
/// </summary>
public static class BenchJUnit
{
    /// <summary>The report and its gates (if any) as JUnit XML text.</summary>
    public static string ToXml(BenchReport report, GateReport? gates = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tests = CiTest.From(report, gates);
        var suites = tests.GroupBy(t => t.Suite, StringComparer.Ordinal).Select(suite => new XElement("testsuite",
            new XAttribute("name", suite.Key),
            new XAttribute("tests", suite.Count()),
            new XAttribute("failures", suite.Count(t => t.Outcome == CiOutcome.Failed)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", suite.Count(t => t.Outcome == CiOutcome.Skipped)),
            new XAttribute("time", Seconds(suite.Sum(t => t.Seconds))),
            new XAttribute("timestamp", report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            suite.Select(Case)));
        var root = new XElement("testsuites",
            new XAttribute("name", "patterns bench"),
            new XAttribute("tests", tests.Count),
            new XAttribute("failures", tests.Count(t => t.Outcome == CiOutcome.Failed)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", tests.Count(t => t.Outcome == CiOutcome.Skipped)),
            new XAttribute("time", Seconds(tests.Sum(t => t.Seconds))),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root + "\n";
    }

    private static XElement Case(CiTest test) => new("testcase",
        new XAttribute("classname", test.Suite),
        new XAttribute("name", test.Name),
        new XAttribute("time", Seconds(test.Seconds)),
        test.Outcome switch
        {
            CiOutcome.Failed => new XElement("failure", new XAttribute("message", test.Message ?? ""), new XAttribute("type", "gate"), test.Message),
            CiOutcome.Skipped => new XElement("skipped", new XAttribute("message", test.Message ?? "")),
            _ => null,
        },
        new XElement("system-out", test.Output));

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
