using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Bench.Review;

public sealed class BenchReviewTests
{
    private const string Reviewed = """
        name: reviewed
        version: 1.0.0
        inputs:
          question: { type: string }
        review: { when: "answer == 'unsure'", reason: the model was unsure }
        stages:
          - { id: answer, kind: prompt, template: "{{ question }}" }
        output: answer
        """;

    [Fact]
    public async Task A_bench_run_the_review_rule_holds_carries_its_submission_with_its_case_and_the_others_none()
    {
        var golden = GoldenFile.Parse(
            """
            {"id": "easy", "inputs": {"question": "easy"}, "expected": "sure"}
            {"id": "hard", "inputs": {"question": "hard"}, "expected": "sure"}
            """,
            "golden.jsonl");
        var model = new ScriptedChatClient(request => request.Prompt == "hard" ? "unsure" : "sure");
        var entry = new BenchEntry(Patterns.Compile(Reviewed, model), BenchEntry.HashText(Reviewed));

        var report = await BenchRunner.RunAsync(entry, [], golden, new BenchOptions { Warmup = false });

        var held = Assert.Single(report.Samples, s => s.Review is not null).Review!;
        Assert.Equal(("hard", "unsure", "reviewed"), (held.CaseId, held.Answer, held.Pattern));
        Assert.Equal("the model was unsure", Assert.Single(held.Reasons));
        Assert.Equal("hard", held.Inputs["question"]);
        Assert.NotNull(held.RunId);
    }
}
