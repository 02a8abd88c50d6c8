using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Judging;

namespace PatternEngine.Tests.Bench.Golden;

/// <summary>Golden lines with <c>scorer: judge</c>: their reference, the check beside it, and located errors.</summary>
public sealed class GoldenJudgeCaseTests
{
    private static GoldenCase Read(string line) => Assert.Single(GoldenFile.Parse(line, "g.jsonl").Cases);

    private const string Valid = """{"id": "ok", "inputs": {}, "expected": "x"}""";

    // The error is on line 2 (after a valid case), at the field the message is about.
    private static void AssertReports(string line, string field, string messagePart)
    {
        var error = Assert.Single(GoldenFile.Parse(Valid + "\n" + line, "golden.jsonl").Errors);
        var column = line.IndexOf($"\"{field}\"", StringComparison.Ordinal) + 1;
        Assert.True(error.Message.Contains(messagePart, StringComparison.Ordinal), $"expected '{messagePart}' in: {error.Message}");
        Assert.StartsWith($"golden.jsonl:2:{column}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_judge_case_has_its_reference_and_no_check_without_expected()
    {
        var judged = Read("""{"id": "a", "inputs": {"question": "Capital of France?"}, "scorer": "judge", "reference": "Paris"}""");

        Assert.Equal(("judge", "Paris", null, null), (judged.Scorer, judged.Reference, judged.Expected, judged.Check));
    }

    [Fact]
    public void Expected_beside_a_judge_is_checked_exactly_unless_check_names_another_scorer()
    {
        Assert.Equal("exact", Read("""{"id": "a", "inputs": {}, "scorer": "judge", "reference": "Paris", "expected": "Paris"}""").Check);
        var numeric = Read("""{"id": "a", "inputs": {}, "scorer": "judge", "reference": "about 42", "expected": "42", "check": "numeric", "tolerance": 0.5}""");
        Assert.Equal(("numeric", 0.5), (numeric.Check, numeric.Tolerance));
    }

    [Theory]
    [InlineData("""{"id": "a", "inputs": {}, "scorer": "judge"}""", "scorer", "the judge scorer needs the field 'reference'")]
    [InlineData("""{"id": "a", "inputs": {}, "scorer": "judge", "reference": " "}""", "reference", "'reference' must be non-empty text")]
    [InlineData("""{"id": "a", "inputs": {}, "scorer": "judge", "reference": 42}""", "reference", "'reference' must be non-empty text, not a number")]
    [InlineData("""{"id": "a", "inputs": {}, "expected": "x", "reference": "x"}""", "reference", "'reference' applies only to the judge scorer, not exact")]
    [InlineData("""{"id": "a", "inputs": {}, "expected": "x", "check": "exact"}""", "check", "'check' applies only to the judge scorer")]
    [InlineData("""{"id": "a", "inputs": {}, "scorer": "judge", "reference": "x", "check": "contains"}""", "check", "give 'expected' or remove 'check'")]
    [InlineData("""{"id": "a", "inputs": {}, "scorer": "judge", "reference": "x", "expected": "x", "check": "judge"}""", "check", "unknown check 'judge'; use one of exact, contains, regex, numeric")]
    [InlineData("""{"id": "a", "inputs": {}, "scorer": "judge", "reference": "x", "expected": "x", "tolerance": 1}""", "tolerance", "'tolerance' applies only to the numeric scorer, not exact")]
    [InlineData("""{"id": "a", "inputs": {}, "scorer": "judge", "reference": "x", "expected": "(", "check": "regex"}""", "expected", "not a valid regular expression")]
    [InlineData("""{"id": "a", "turns": [{"user": "hi"}], "reference": "x"}""", "reference", "'reference' has no use in a case with 'turns'")]
    public void A_malformed_judge_case_is_reported_at_its_field(string line, string field, string message) =>
        AssertReports(line, field, message);

    [Fact]
    public void The_judge_case_check_requires_a_judge_only_when_the_set_has_judge_cases()
    {
        var plain = GoldenFile.Parse("""{"id": "a", "inputs": {}, "expected": "x"}""", "g.jsonl");
        BenchJudge.RequireFor(plain, judge: null);

        var judged = GoldenFile.Parse("""{"id": "a", "inputs": {}, "expected": "x"}""" + "\n" + """{"id": "b", "inputs": {}, "scorer": "judge", "reference": "x"}""", "g.jsonl");
        var error = Assert.Throws<PatternEngine.Bench.BenchInputException>(() => BenchJudge.RequireFor(judged, judge: null));
        Assert.StartsWith("g.jsonl:2", Assert.Single(error.Diagnostics).ToString(), StringComparison.Ordinal);
    }
}
