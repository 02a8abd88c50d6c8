using System.Diagnostics;
using System.Text.Json.Nodes;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// Issue 11's cassette reproducers end to end: a real recording on the embedded model, its answer or figures edited,
/// then replayed with <c>patterns run --replay</c>.
/// </summary>
[Collection(LocalModelCollection.Name)]
public sealed class HostileCassetteTests : IDisposable
{
    private const string Backtracking = """
        name: backtracking
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }}"
            max_tokens: 4
            output_schema: { type: string, pattern: "^(a+)+$" }
        output: answer
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(string Pattern, string Cassette)> RecordAsync()
    {
        var pattern = _dir.Write("backtracking.yaml", Backtracking);
        var cassette = Path.Combine(_dir.Path, "calls.jsonl");
        var recorded = await CliHarness.RunAsync("run", pattern, "-i", "question=Once", "--record", cassette);
        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        return (pattern, cassette);
    }

    private static void Edit(string cassette, Action<JsonObject> edit)
    {
        var entry = JsonNode.Parse(Assert.Single(File.ReadAllLines(cassette)))!.AsObject();
        edit(entry);
        File.WriteAllText(cassette, entry.ToJsonString() + "\n");
    }

    // 2. A replayed answer of 40 a's and a '!' ran until killed at 60 s.
    [Fact]
    public async Task A_replayed_answer_that_backtracks_without_end_is_an_issue_and_the_run_finishes()
    {
        var (pattern, cassette) = await RecordAsync();
        Edit(cassette, entry => entry["response"]!["text"] = $"\"{new string('a', 40)}!\"");

        var watch = Stopwatch.StartNew();
        var result = await CliHarness.RunAsync("run", pattern, "-i", "question=Once", "--replay", cassette, "--json");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        var stage = JsonNode.Parse(result.Out)!["stages"]![0]!;
        Assert.Equal(
            "the answer could not be checked against the output schema: its regex '^(a+)+$' ran longer than 1 s",
            Assert.Single(stage["issues"]!.AsArray())!.GetValue<string>());
    }

    // 13. Negative or int64-max token counts were accepted and totals wrapped; latency_ms: 1e400 made --json fail.
    [Theory]
    [InlineData("input_tokens", "-4")]
    [InlineData("output_tokens", "9223372036854775807")]
    [InlineData("latency_ms", "1e400")]
    public async Task A_replayed_figure_out_of_range_is_refused_with_its_location(string field, string value)
    {
        var (pattern, cassette) = await RecordAsync();
        Edit(cassette, entry => (field == "latency_ms" ? entry : entry["usage"]!.AsObject())[field] = "PLACEHOLDER");
        var line = File.ReadAllText(cassette).Replace("\"PLACEHOLDER\"", value, StringComparison.Ordinal);
        File.WriteAllText(cassette, line);

        var result = await CliHarness.RunAsync("run", pattern, "-i", "question=Once", "--replay", cassette, "--json");

        CliHarness.AssertInvalidInput(result);
        var column = line.IndexOf($"\"{field}\"", StringComparison.Ordinal) + 1;
        Assert.StartsWith($"error: {cassette}:1:{column}: not a cassette entry: '", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }
}
