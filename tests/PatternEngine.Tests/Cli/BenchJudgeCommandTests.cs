using System.Text.Json.Nodes;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns bench --judge-model</c> on the reference server: judge cases scored, the judge reported apart in every format.</summary>
public sealed class BenchJudgeCommandTests : IDisposable
{
    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(6, seed: 3);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Golden => _dir.Write("judged.jsonl", string.Join("\n", Questions.Select(q =>
        $$"""{"id": "{{q.Id}}", "inputs": {"question": "{{q.Text}}"}, "scorer": "judge", "reference": "{{q.Answer}}", "expected": "{{q.Answer}}", "check": "contains"}""")));

    private static string Providers(ReferenceServer server) =>
        ReferenceProviders.Yaml(server, maxAttempts: 1, model: "answerer", keyVariable: null, models: "  grader: { provider: fake, model: grader }");

    private string Out(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public async Task A_judged_bench_reports_the_judge_apart_in_the_terminal_json_markdown_and_html()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig
        {
            Models = [new ReferenceModel("answerer") { Accuracy = 0.5, UsesTools = false }, new ReferenceModel("grader") { Grading = new ReferenceGrading() }],
            Questions = [.. Questions],
        });

        var result = await CliHarness.RunAsync([
            "bench", "-p", "baseline", "-g", Golden, "--providers", _dir.Write("providers.yaml", Providers(server)), "--judge-model", "grader",
            "--resamples", "100", "--no-history", "--json", Out("b.json"), "--markdown", Out("b.md"), "--html", Out("b.html"), "--log", Out("b.log")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("judge calls", result.Out, StringComparison.Ordinal);
        var judge = JsonNode.Parse(File.ReadAllText(Out("b.json")))!["patterns"]![0]!["judge"]!;
        Assert.Equal((6, 0, 6), ((int)judge["judged"]!, (int)judge["unscored"]!, (int)judge["calls"]!));
        Assert.Equal(1.0, (double)judge["agreement"]!["value"]!);
        Assert.Equal(server.Log.BilledTokens("grader").Prompt, (long)judge["input_tokens"]!);
        Assert.Contains("## Judge (95% intervals)", File.ReadAllText(Out("b.md")), StringComparison.Ordinal);
        Assert.Contains("<h2>Judge (95% intervals)</h2>", File.ReadAllText(Out("b.html")), StringComparison.Ordinal);
        Assert.Equal(6, File.ReadAllLines(Out("b.log")).Count(l => l.Contains("\"type\":\"call\"", StringComparison.Ordinal) && l.Contains("\"pattern\":\"bench-judge\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Judge_cases_without_a_judge_model_exit_2_before_any_call()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("42"));

        var result = await CliHarness.RunAsync(["bench", "-p", "baseline", "-g", Golden, "--providers", _dir.Write("providers.yaml", Providers(server)), "--no-history"]);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("judged.jsonl:1", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("--judge-model", result.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_rubric_that_does_not_parse_exits_2_at_its_line()
    {
        var rubric = _dir.Write("rubric.scriban", "Grade it.\n{{ end }}\n");

        var result = await CliHarness.RunAsync(["bench", "-p", "baseline", "-g", Golden, "--judge-model", "grader", "--judge-rubric", rubric, "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--no-history"]);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("rubric.scriban:2:", result.ToString(), StringComparison.Ordinal);
    }
}
