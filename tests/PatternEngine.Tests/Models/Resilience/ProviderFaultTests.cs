using System.Diagnostics;
using System.Text.Json.Nodes;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;
using PatternEngine.Models.Providers;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Models.Resilience;

/// <summary>Faults of an OpenAI-compatible endpoint, served by the reference server, through the real connector and the whole pipeline.</summary>
public sealed class ProviderFaultTests : IDisposable
{
    private readonly string _logPath = Path.Combine(Path.GetTempPath(), $"provider-faults-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_logPath);

    private async Task<RunRecord> RunAsync(ProvidersFile file)
    {
        using var providers = ReferenceProviders.Engine(file);
        using var log = new JsonLinesRunLog(_logPath);
        return await providers.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>(), new RunOptions { Log = log });
    }

    private List<JsonObject> LoggedCalls() =>
        [.. File.ReadAllLines(_logPath).Select(l => JsonNode.Parse(l)!.AsObject()).Where(l => (string?)l["type"] == "call")];

    private static System.Collections.Immutable.ImmutableArray<CallRecord> Calls(RunRecord record) => Assert.Single(record.Stages).CallRecords;

    [Fact]
    public async Task A_429_is_retried_after_the_wait_its_Retry_After_asks_for()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Status(429, retryAfter: "1"), ServerReply.Text("Paris")));

        var record = await RunAsync(ReferenceProviders.File(server));

        Assert.Equal("Paris", record.Output.Text);
        var calls = Calls(record);
        Assert.Equal(2, calls.Length);
        Assert.Contains("HTTP 429", calls[0].Error, StringComparison.Ordinal);
        Assert.Contains("retry after 1 s", calls[0].Error, StringComparison.Ordinal);
        Assert.Null(calls[1].Error);
        var requests = server.Requests.ToList();
        var waited = Stopwatch.GetElapsedTime(requests[0].ReceivedAt, requests[1].ReceivedAt);
        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"retried after {waited.TotalMilliseconds} ms, though the server asked for 1 s (the backoff alone is 10 ms)");
    }

    [Fact]
    public async Task A_500_is_retried_and_every_attempt_is_a_logged_call_with_its_reason()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Status(500), ServerReply.Status(503), ServerReply.Text("Paris")));

        var record = await RunAsync(ReferenceProviders.File(server));

        Assert.Equal("Paris", record.Output.Text);
        Assert.Equal(3, record.Totals.Calls);
        var logged = LoggedCalls();
        Assert.Equal(3, logged.Count);
        Assert.Contains("HTTP 500", (string?)logged[0]["error"], StringComparison.Ordinal);
        Assert.Contains("HTTP 503", (string?)logged[1]["error"], StringComparison.Ordinal);
        Assert.Null(logged[2]["error"]);
        Assert.Equal("Paris", (string?)logged[2]["response"]);
        Assert.Equal([1, 2, 3], logged.Select(l => (int)l["attempt"]!));
    }

    [Fact]
    public async Task Each_retried_attempt_is_recorded_with_its_number_and_the_model_of_its_route()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Status(500), ServerReply.Status(503), ServerReply.Text("Paris")));

        var record = await RunAsync(ReferenceProviders.File(server));

        Assert.Equal([(1, "fake-model"), (2, "fake-model"), (3, "fake-model")], Calls(record).Select(c => (c.Attempt, c.Model)));
    }

    [Fact]
    public async Task A_call_that_hangs_past_the_time_limit_is_a_timed_out_attempt_and_is_retried()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Hang, ServerReply.Text("Paris")));

        // Long enough that the answering retry never times out on a loaded machine; the hang still does.
        var record = await RunAsync(ReferenceProviders.File(server, timeoutSeconds: 2));

        Assert.Equal("Paris", record.Output.Text);
        var calls = Calls(record);
        Assert.Equal(2, calls.Length);
        Assert.Equal("no answer from 'fake' within 2 s", calls[0].Error);
    }

    [Fact]
    public async Task A_malformed_body_is_a_failed_attempt_and_is_retried()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Malformed, ServerReply.Text("Paris")));

        var record = await RunAsync(ReferenceProviders.File(server));

        Assert.Equal("Paris", record.Output.Text);
        var calls = Calls(record);
        Assert.Equal(2, calls.Length);
        Assert.StartsWith("'fake' answered with a body that is not chat-completions JSON", calls[0].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"error\": {\"message\": \"quota exceeded for this key\"}}", "quota exceeded for this key")]
    [InlineData("{\"error\": {\"message\": \"\\ud800 is no text\"}}", "Service request failed.")] // a lone surrogate: the SDK's own line
    [InlineData("<html>gateway</html>", "Service request failed.")]
    public async Task A_refusal_says_the_providers_own_words_when_they_are_text(string body, string said)
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.StatusWithBody(400, body)));

        var error = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(ReferenceProviders.File(server)));

        var failed = Assert.Single(Calls(error.Partial)).Error ?? "";
        const string Refused = "'fake' refused the call (HTTP 400): ";
        Assert.StartsWith(Refused, failed, StringComparison.Ordinal);
        Assert.Contains(said, failed[Refused.Length..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_past_the_answer_size_limit_is_cut_off_as_malformed_and_retried()
    {
        var huge = "{\"choices\": [" + new string(' ', (int)InputLimits.MaxProviderResponseBytes) + "]}";
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Body(huge), ServerReply.Text("Paris")));

        var record = await RunAsync(ReferenceProviders.File(server));

        Assert.Equal("Paris", record.Output.Text);
        var calls = Calls(record);
        Assert.Equal(2, calls.Length);
        Assert.Contains("answered past the limit of 33,554,432 bytes an answer may hold", calls[0].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "it has no list of choices")]
    [InlineData("{\"id\": \"x\"}", "it has no list of choices")]
    [InlineData("{\"choices\": 5}", "it has no list of choices")]
    [InlineData("{\"choices\": [{\"index\": 0}]}", "its first choice has no message")]
    [InlineData("{\"choices\": [\"text\"]}", "its first choice has no message")]
    public async Task JSON_that_is_no_chat_completion_is_a_failed_attempt_that_says_why_and_is_retried(string body, string why)
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Body(body), ServerReply.Text("Paris")));

        var record = await RunAsync(ReferenceProviders.File(server));

        Assert.Equal("Paris", record.Output.Text);
        var calls = Calls(record);
        Assert.Equal(2, calls.Length);
        Assert.Equal("'fake' answered with a body that is not chat-completions JSON: " + why, calls[0].Error);
    }

    [Fact]
    public async Task An_empty_choice_list_is_a_failed_attempt_and_is_retried()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.NoChoices, ServerReply.Text("Paris")));

        var record = await RunAsync(ReferenceProviders.File(server));

        Assert.Equal("Paris", record.Output.Text);
        var calls = Calls(record);
        Assert.Equal(2, calls.Length);
        Assert.Equal("'fake' answered with no choices", calls[0].Error);
    }

    [Fact]
    public async Task An_empty_message_is_a_failed_attempt_and_is_retried()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.EmptyMessage, ServerReply.Text("Paris")));

        var record = await RunAsync(ReferenceProviders.File(server));

        Assert.Equal("Paris", record.Output.Text);
        Assert.Equal("'fake' answered with an empty message", Calls(record)[0].Error);
    }

    [Fact]
    public async Task When_retries_fail_the_fallback_model_answers_and_is_recorded_as_a_fallback()
    {
        await using var server = await ReferenceServer.StartAsync(request => request.Model == "backup-model" ? ServerReply.Text("Paris") : ServerReply.Status(500));

        var record = await RunAsync(ReferenceProviders.File(server, defaultExtras: ", fallback: backup", models: "  backup: { provider: fake, model: backup-model }"));

        Assert.Equal("Paris", record.Output.Text);
        var calls = Calls(record);
        Assert.Equal(4, calls.Length);
        Assert.All(calls.Take(3), c => Assert.Equal(("default", (string?)null), (c.Route, c.FallbackFrom)));
        Assert.All(calls.Take(3), c => Assert.Contains("HTTP 500", c.Error, StringComparison.Ordinal));
        Assert.Equal(("backup", "backup-model", "default", (string?)null), (calls[3].Route, calls[3].Model, calls[3].FallbackFrom, calls[3].Error));
        Assert.Equal([1, 2, 3, 1], calls.Select(c => c.Attempt));
        Assert.All(calls.Take(3), c => Assert.Equal("fake-model", c.Model));
        Assert.Equal("default", (string?)LoggedCalls()[3]["fallback_from"]);
    }

    [Fact]
    public async Task A_call_that_fails_for_good_fails_the_run_but_keeps_every_attempt()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Status(500));

        var error = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(ReferenceProviders.File(server)));

        Assert.Contains("model 'default' failed after 3 attempts: 'fake' failed (HTTP 500): scripted failure 500", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(3, error.Partial.Totals.Calls);
        Assert.All(Calls(error.Partial), c => Assert.Contains("HTTP 500", c.Error, StringComparison.Ordinal));
        Assert.Equal(3, LoggedCalls().Count);
        var run = JsonNode.Parse(File.ReadAllLines(_logPath).Last())!;
        Assert.Equal("failed", (string?)run["status"]);
    }

    [Fact]
    public async Task When_the_fallback_fails_too_the_error_names_both()
    {
        await using var server = await ReferenceServer.StartAsync(request => request.Model == "backup-model" ? ServerReply.Status(401) : ServerReply.Status(500));

        var error = await Assert.ThrowsAsync<PatternRunException>(() =>
            RunAsync(ReferenceProviders.File(server, defaultExtras: ", fallback: backup", models: "  backup: { provider: fake, model: backup-model }")));

        Assert.Contains("model 'default' failed after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("its fallback 'backup' failed: 'fake' refused the call (HTTP 401)", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Partial.Totals.Calls); // a refusal is not retried
    }

    [Fact]
    public async Task A_refused_call_is_not_retried()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Status(400));

        var error = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(ReferenceProviders.File(server)));

        Assert.Single(server.Requests);
        Assert.Contains("refused the call (HTTP 400)", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused the call (HTTP 400)", Assert.Single(Calls(error.Partial)).Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_endpoint_that_never_answers_fails_the_run_instead_of_hanging_it()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Hang);

        var error = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(ReferenceProviders.File(server, timeoutSeconds: 0.3, maxAttempts: 2)));

        Assert.Contains("after 2 attempts: no answer from 'fake' within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, LoggedCalls().Count);
    }

    [Fact]
    public async Task The_API_key_appears_in_no_record_log_or_error()
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(ServerReply.Status(401)));

        var error = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(ReferenceProviders.File(server)));

        Assert.Equal("Bearer " + ReferenceProviders.Key, server.Requests.Single().Authorization);
        Assert.DoesNotContain(ReferenceProviders.Key, File.ReadAllText(_logPath), StringComparison.Ordinal);
        Assert.DoesNotContain(ReferenceProviders.Key, RunRecordJson.Serialize(error.Partial), StringComparison.Ordinal);
        Assert.DoesNotContain(ReferenceProviders.Key, error.ToString(), StringComparison.Ordinal);
    }
}
