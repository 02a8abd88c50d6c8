using PatternEngine.Bench.Judging;
using PatternEngine.Definitions;

namespace PatternEngine.Tests.Bench.Judging;

/// <summary>Reading a judge's answer, the rubric, and the agreement figures.</summary>
public sealed class JudgeVerdictTests
{
    [Theory]
    [InlineData("""{"correct": true, "reason": "same"}""", true)]
    [InlineData("Sure.\n```json\n{\"correct\": false, \"reason\": \"off by one\"}\n```", false)]
    [InlineData("""Verdict: {"correct": true} done""", true)]
    public void A_verdict_is_found_as_the_engine_finds_json(string answer, bool correct) =>
        Assert.Equal(correct, JudgeVerdictReader.Read(answer).Correct);

    [Theory]
    [InlineData("It looks right to me.", "is no JSON object")]
    [InlineData("""{"correct": "yes"}""", "has no boolean 'correct'")]
    [InlineData("""[true]""", "is no JSON object")]
    public void An_answer_without_a_boolean_verdict_is_unscored_not_right_or_wrong(string answer, string problem)
    {
        var verdict = JudgeVerdictReader.Read(answer);

        Assert.Null(verdict.Correct);
        Assert.Contains(problem, verdict.Unscored, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_rubric_asks_for_the_json_verdict_with_question_reference_and_answer()
    {
        var rubric = JudgeRubric.Default.Template;

        Assert.Contains("{{ question }}", rubric, StringComparison.Ordinal);
        Assert.Contains("{{ reference }}", rubric, StringComparison.Ordinal);
        Assert.Contains("{{ answer }}", rubric, StringComparison.Ordinal);
        Assert.Contains("\"correct\"", rubric, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rubric_that_does_not_parse_is_reported_at_its_line_and_column()
    {
        var error = Assert.Throws<PatternFileException>(() => JudgeRubric.Parse("Grade this.\nAnswer: {{ answer }} {{ end }}", "rubric.scriban"));

        Assert.StartsWith("rubric.scriban:2:", error.Diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rubric_file_is_a_located_error() =>
        Assert.Contains("no such file", Assert.Throws<PatternFileException>(() => JudgeRubric.Load("no-such-rubric.scriban")).Diagnostics[0].Message, StringComparison.Ordinal);

    [Fact]
    public void Agreement_is_the_share_of_matching_verdicts_with_cohens_kappa()
    {
        // 6 both right, 2 both wrong, 1 each way: 8 of 10 agree; both say right 70% of the time, so chance is 0.58.
        var pairs = Enumerable.Repeat((true, true), 6).Concat(Enumerable.Repeat((false, false), 2)).Append((true, false)).Append((false, true)).ToList();

        var agreement = JudgeAgreement.Of(pairs)!;

        Assert.Equal(0.8, agreement.Share.Value, 9);
        Assert.Equal((0.8 - 0.58) / (1 - 0.58), agreement.Kappa!.Value, 9);
        Assert.Equal(0.490, agreement.Share.Low, 3); // Wilson 95% for 8 of 10
        Assert.Equal(0.943, agreement.Share.High, 3);
    }

    [Fact]
    public void Kappa_is_undefined_when_both_always_say_the_same_thing() =>
        Assert.Null(JudgeAgreement.Of([(true, true), (true, true)])!.Kappa);
}
