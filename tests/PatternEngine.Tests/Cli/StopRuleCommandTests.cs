using System.Text.Json.Nodes;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary>A fan-out's stopping rule from the command line: <c>patterns run</c> on an endpoint, <c>patterns validate</c>.</summary>
public sealed class StopRuleCommandTests
{
    private const string Posterior = """
        name: settled
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: 20
            stop: { strategy: posterior, threshold: 0.95 }
            body:
              template: "{{ question }}"
              temperature: 0.8
              extract: { final_answer: true }
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;

    [Fact]
    public async Task Run_stops_sampling_once_the_posterior_is_settled_and_the_record_says_why()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Answer: 42"));
        using var folder = new TempDirectory();
        var file = folder.Write("settled.yaml", Posterior);

        var result = await CliHarness.RunAsync("run", file, "--input", "question=q", "--endpoint", server.Endpoint.ToString(), "--model", "m", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var samples = JsonNode.Parse(result.Out)!["stages"]![0]!;
        Assert.Equal(4, (int)samples["calls"]!);
        Assert.Equal(16, (int)samples["details"]!["samples_saved"]!);
        Assert.Equal("posterior_settled", (string?)samples["details"]!["stop_reason"]);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task Validate_points_at_a_window_larger_than_the_count()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("wide.yaml", Posterior.Replace("{ strategy: posterior, threshold: 0.95 }", "{ strategy: window, window: 21 }", StringComparison.Ordinal));

        var result = await CliHarness.RunAsync("validate", file);

        CliHarness.AssertInvalidInput(result);
        var match = CliHarness.DiagnosticLine().Match(Assert.Single(result.ErrorLines));
        Assert.True(match.Success, result.ToString());
        Assert.Equal("9", match.Groups["line"].Value);
        Assert.Contains("stop window 21 is out of range", match.Groups["message"].Value, StringComparison.Ordinal);
    }
}
