using System.Text.Json.Nodes;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns run --stream --cache | --record | --replay FILE</c>.</summary>
[Collection(LocalModelCollection.Name)]
public sealed class RunCassetteOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Pattern() => _dir.Write("demo.yaml", CliPatterns.Valid);

    [Fact]
    public async Task Two_cassette_options_at_once_are_one_clear_error()
    {
        var result = await CliHarness.RunAsync("run", Pattern(), "-i", "question=hi", "--record", _dir.Path + "/a.jsonl", "--replay", _dir.Path + "/b.jsonl");

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("--replay", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cassette_that_cannot_be_written_shows_the_run_then_fails_naming_the_file()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "calls.jsonl")).FullName; // a folder where the file should go

        var result = await CliHarness.RunAsync("run", Pattern(), "-i", "question=hi", "--record", folder, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("finished", (string?)JsonNode.Parse(result.Out)!["status"]); // what was measured is shown
        Assert.StartsWith($"error: could not write the cassette {folder}: ", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
        CliHarness.AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Replaying_a_cassette_that_does_not_exist_names_the_file()
    {
        var missing = Path.Combine(_dir.Path, "missing.jsonl");

        var result = await CliHarness.RunAsync("run", Pattern(), "-i", "question=hi", "--replay", missing);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains(missing, CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_cassette_line_is_one_error_naming_the_file_and_line()
    {
        var broken = _dir.Write("broken.jsonl", "\n{ not json\n");

        var result = await CliHarness.RunAsync("run", Pattern(), "-i", "question=hi", "--cache", broken);

        CliHarness.AssertInvalidInput(result);
        Assert.StartsWith($"error: {broken}:2:3: not a cassette entry: invalid JSON: ", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_recording_replays_to_the_same_output_with_every_call_marked_replayed()
    {
        var cassette = Path.Combine(_dir.Path, "run.jsonl");
        var recorded = await CliHarness.RunAsync("run", Pattern(), "-i", "question=Once upon a time", "--stream", "--record", cassette, "--json");
        var replayed = await CliHarness.RunAsync("run", Pattern(), "-i", "question=Once upon a time", "--replay", cassette, "--json");

        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        var live = JsonNode.Parse(recorded.Out)!["stages"]![0]!["call_records"]![0]!;
        var replay = JsonNode.Parse(replayed.Out)!["stages"]![0]!["call_records"]![0]!;
        Assert.Equal("live", (string?)live["source"]);
        Assert.Equal("replay", (string?)replay["source"]);
        Assert.True((bool)replay["cached"]!);
        Assert.True((double?)live["time_to_first_token_ms"] > 0, recorded.Out);
        foreach (var field in new[] { "response", "input_tokens", "output_tokens", "usage_source", "latency_ms", "time_to_first_token_ms" })
        {
            Assert.Equal(live[field]!.ToJsonString(), replay[field]!.ToJsonString());
        }

        Assert.Equal(1, (int?)JsonNode.Parse(replayed.Out)!["totals"]!["cached_calls"]);
    }

    [Fact]
    public async Task A_replay_miss_is_one_error_line_naming_the_stage_and_the_request_hash()
    {
        var empty = _dir.Write("empty.jsonl", "");

        var result = await CliHarness.RunAsync("run", Pattern(), "-i", "question=hi", "--replay", empty);

        Assert.True(result.ExitCode == 1, result.ToString());
        CliHarness.AssertNoStackTrace(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains("stage 'answer'", line, StringComparison.Ordinal);
        Assert.Matches("sha256 [0-9a-f]{64}", line);
    }
}
