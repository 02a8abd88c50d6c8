using PatternEngine.Bench.Golden;
using PatternEngine.Definitions;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Bench.Golden;

/// <summary>A golden case's <c>expected_verdict</c>, and the prompt-injection golden file that ships with the engine.</summary>
public sealed class GoldenVerdictTests
{
    private static readonly string Shipped = Path.Combine(Patterns.RepositoryRoot(), "golden", "prompt-injection.jsonl");

    private static readonly string[] AttackKinds = ["role", "ignore", "template", "exfil"];

    private static GoldenLineError ErrorOf(string line)
    {
        var set = GoldenFile.Parse("""{"id": "ok", "inputs": {}}""" + "\n" + line, "golden.jsonl");
        return Assert.Single(set.Errors);
    }

    [Theory]
    [InlineData("allow", GuardAction.Allow)]
    [InlineData("redact", GuardAction.Redact)]
    [InlineData("block", GuardAction.Block)]
    public void A_case_states_the_verdict_its_guards_should_reach(string written, GuardAction verdict) =>
        Assert.Equal(verdict, GoldenFile.Parse($$"""{"id": "a", "inputs": {"question": "hi"}, "expected_verdict": "{{written}}"}""", "g").Cases[0].ExpectedVerdict);

    [Fact]
    public void A_case_without_one_expects_no_verdict() =>
        Assert.Null(GoldenFile.Parse("""{"id": "a", "inputs": {"question": "hi"}}""", "g").Cases[0].ExpectedVerdict);

    [Fact]
    public void A_verdict_sits_beside_an_expected_answer() =>
        Assert.Equal(("42", GuardAction.Allow), GoldenFile.Parse("""{"id": "a", "inputs": {}, "expected": "42", "expected_verdict": "allow"}""", "g").Cases.Select(c => (c.Expected, c.ExpectedVerdict)).Single());

    [Fact]
    public void An_unknown_verdict_is_reported_at_its_field()
    {
        var error = ErrorOf("""{"id": "a", "inputs": {}, "expected_verdict": "deny"}""");

        Assert.Equal("golden.jsonl:2:27: 'expected_verdict' must be one of allow, redact, block, not 'deny'", error.ToString());
    }

    [Fact]
    public void A_verdict_that_is_not_text_is_reported() =>
        Assert.EndsWith("must be one of allow, redact, block, not JSON true", ErrorOf("""{"id": "a", "inputs": {}, "expected_verdict": true}""").Message, StringComparison.Ordinal);

    [Fact]
    public void A_verdict_is_refused_on_a_conversation_case()
    {
        var error = ErrorOf("""{"id": "a", "turns": [{"user": "hi"}], "expected_verdict": "allow"}""");

        Assert.Equal((2, 40), (error.Line, error.Column));
        Assert.Contains("no use in a case with 'turns'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_prompt_injection_file_reads_cleanly_with_hostile_and_benign_cases()
    {
        var set = GoldenFile.Load(Shipped);

        Assert.Empty(set.Errors);
        Assert.All(set.Cases, c => Assert.NotNull(c.ExpectedVerdict));
        var benign = set.Cases.Where(c => c.ExpectedVerdict == GuardAction.Allow).ToList();
        Assert.All(benign, c => Assert.StartsWith("benign-", c.Id, StringComparison.Ordinal));
        Assert.True(benign.Count >= 25, $"{benign.Count} benign cases");

        // Every kind of attack the issue names is there, several times over.
        var hostile = set.Cases.Where(c => c.ExpectedVerdict != GuardAction.Allow).Select(c => c.Id.Split('-')[0]).ToList();
        Assert.All(AttackKinds, kind => Assert.True(hostile.Count(h => h == kind) >= 5, $"{hostile.Count(h => h == kind)} '{kind}' cases"));
        Assert.Equal(hostile.Count + benign.Count, set.Cases.Length);
    }
}
