using System.Text.Json.Nodes;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Cli;

/// <summary><c>patterns run</c> on an OpenAI-compatible endpoint (the reference server), chosen by flags.</summary>
public sealed class RunWithProviderTests
{
    [Fact]
    public async Task Run_with_an_endpoint_and_model_calls_that_endpoint_and_prints_the_record()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Paris", promptTokens: 30, completionTokens: 2, cachedTokens: 16));

        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=Capital of France?", "--endpoint", server.Endpoint.ToString(), "--model", "gpt-4.1-mini", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var record = JsonNode.Parse(result.Out)!;
        Assert.Equal("Paris", (string?)record["output"]);
        var call = record["stages"]![0]!["call_records"]![0]!;
        Assert.Equal(("gpt-4.1-mini", 30L, 16L), ((string?)call["model"], (long?)call["input_tokens"], (long?)call["cached_input_tokens"]));
        Assert.NotNull((decimal?)call["cost_usd"]); // the catalog prices gpt-4.1-mini
        Assert.Equal("gpt-4.1-mini", server.Requests.Single().Model);
    }

    [Fact]
    public async Task A_providers_file_and_a_provider_name_choose_the_endpoint()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Paris"));
        var path = Path.Combine(Path.GetTempPath(), $"providers-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, $"providers:\n  local:\n    endpoint: {server.Endpoint}\n    default_model: small\n");
        try
        {
            var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--providers", path, "--provider", "local", "--json");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("small", server.Requests.Single().Model);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_API_key_variable_exits_2_naming_the_variable()
    {
        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--api-key-env", "PATTERNS_TEST_UNSET_KEY_VARIABLE");

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("environment variable PATTERNS_TEST_UNSET_KEY_VARIABLE, which is not set", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--endpoint needs --model ID", "--endpoint", "http://127.0.0.1:9/v1")]
    [InlineData("--endpoint takes an http:// or https:// URL, not 'localhost:8080'", "--endpoint", "localhost:8080", "--model", "m")]
    [InlineData("--model 'm' is not a local entry of the model catalog; without --endpoint or --provider", "--model", "m")]
    [InlineData("--api-key-env takes the name of an environment variable, never the key itself", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--api-key-env", "sk-secret-123")]
    [InlineData("--concurrency is for the embedded model", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--concurrency", "2")]
    [InlineData("--provider needs a providers file", "--provider", "openai")]
    public async Task Contradictory_provider_flags_exit_2_with_one_line(string message, params string[] flags)
    {
        var result = await CliHarness.RunAsync(["run", "baseline", "--input", "question=q", .. flags]);

        CliHarness.AssertInvalidInput(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-123", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_fails_for_good_exits_1_with_one_line_and_the_attempts_in_the_log()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Status(400));
        var log = Path.Combine(Path.GetTempPath(), $"run-{Guid.NewGuid():N}.jsonl");
        try
        {
            var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--endpoint", server.Endpoint.ToString(), "--model", "m", "--log", log);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("refused the call (HTTP 400)", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
            Assert.Contains("refused the call (HTTP 400)", (string?)JsonNode.Parse(File.ReadLines(log).First())!["error"], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task A_failed_run_with_json_prints_its_partial_record_as_failed_with_the_billed_tokens_and_exits_1()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.NoChoicesBilled(40, 3));

        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--endpoint", server.Endpoint.ToString(), "--model", "gpt-4.1-mini", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("answered with no choices", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
        var record = JsonNode.Parse(result.Out)!;
        Assert.Equal("failed", (string?)record["status"]);
        Assert.Contains("answered with no choices", (string?)record["error"], StringComparison.Ordinal);
        Assert.Equal(3, (int)record["totals"]!["calls"]!); // every attempt, each billed
        Assert.Equal((120, 9), ((int)record["totals"]!["input_tokens"]!, (int)record["totals"]!["output_tokens"]!));
        Assert.True((decimal)record["totals"]!["cost_usd"]! > 0);
    }

    [Fact]
    public async Task A_finished_run_with_json_says_so()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Paris"));

        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--endpoint", server.Endpoint.ToString(), "--model", "m", "--json");

        var record = JsonNode.Parse(result.Out)!;
        Assert.Equal(("finished", null), ((string?)record["status"], (string?)record["error"]));
    }

    [Fact]
    public async Task A_failed_run_without_json_still_shows_what_it_measured()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Status(400));

        var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--endpoint", server.Endpoint.ToString(), "--model", "m");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed; what it measured", result.Out, StringComparison.Ordinal);
        Assert.Contains(result.OutLines, l => l.StartsWith("answer ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_users_catalog_prices_an_endpoint_s_own_model_and_without_it_the_cost_is_unknown()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Paris", promptTokens: 1_000_000, completionTokens: 0));
        var catalog = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(catalog, "models:\n  - { id: my-model, input_per_million: 0.5, output_per_million: 2 }\n");
        try
        {
            var priced = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--endpoint", server.Endpoint.ToString(), "--model", "my-model", "--catalog", catalog);
            var unpriced = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--endpoint", server.Endpoint.ToString(), "--model", "my-model");

            Assert.Contains("cost: $0.5", priced.OutLines);
            Assert.Contains(unpriced.OutLines, l => l.StartsWith("cost: unknown (1 call(s) to models the catalog does not price", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(catalog);
        }
    }

    [Fact]
    public async Task An_invalid_catalog_file_exits_2_naming_its_line_and_column()
    {
        var catalog = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(catalog, "models:\n  - { id: my-model, input_per_million: cheap, output_per_million: 2 }\n");
        try
        {
            var result = await CliHarness.RunAsync("run", "baseline", "--input", "question=q", "--endpoint", "http://127.0.0.1:9/v1", "--model", "my-model", "--catalog", catalog);

            Assert.Equal(2, result.ExitCode);
            Assert.Matches(CliHarness.DiagnosticLine(), Assert.Single(result.ErrorLines));
            Assert.StartsWith(catalog + ":2:", result.ErrorLines[0], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(catalog);
        }
    }
}
