using PatternEngine.Execution;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Execution;

public sealed class ReviewRuleTests
{
    private static string Voting(string review) => $$$"""
        name: voting
        version: 1.0.0
        {{{review}}}
        stages:
          - id: samples
            kind: fan_out
            count: 4
            body: { template: "Pick {{ index }}" }
          - { id: vote, kind: reduce, from: samples, method: vote }
        output: vote
        """;

    private const string LowAgreement = "review: { when: \"details.vote.agreement < 0.6\", reason: low vote agreement }";

    private static Task<RunRecord> RunAsync(string yaml, Func<ScriptedRequest, string> answer) =>
        Patterns.Compile(yaml, new ScriptedChatClient(answer)).RunAsync(new Dictionary<string, string>());

    [Fact]
    public async Task A_run_whose_vote_is_split_is_marked_for_review_with_the_rules_reason()
    {
        var record = await RunAsync(Voting(LowAgreement), r => r.Number % 2 == 0 ? "A" : "B");

        Assert.True(record.NeedsReview);
        Assert.Equal("low vote agreement", Assert.Single(record.ReviewReasons));
        Assert.Equal(RunStatus.Finished, record.Status);
    }

    [Fact]
    public async Task A_run_whose_vote_agrees_needs_no_review()
    {
        var record = await RunAsync(Voting(LowAgreement), _ => "A");

        Assert.False(record.NeedsReview);
        Assert.Empty(record.ReviewReasons);
    }

    [Fact]
    public async Task A_rule_that_cannot_be_evaluated_holds_the_run_for_review_and_says_why()
    {
        var record = await RunAsync(Voting("review: { when: \"details.nothing.here > 1\" }"), _ => "A");

        Assert.True(record.NeedsReview);
        Assert.Contains("could not be evaluated", Assert.Single(record.ReviewReasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rule_sees_stage_values_too_and_the_json_record_says_so()
    {
        var record = await RunAsync(Voting("review: { when: \"vote == 'B'\" }"), _ => "B");

        var json = RunRecordJson.Serialize(record, null);

        Assert.True(record.NeedsReview);
        Assert.Contains("\"needs_review\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"vote == 'B'\"", json, StringComparison.Ordinal);
    }
}
