using PatternEngine.Execution;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Guards;

/// <summary>A guard's moderation check against the reference server's <c>/v1/moderations</c>, through the providers file's default provider.</summary>
public sealed class ModerationGuardTests
{
    private static string Pattern(string onError = "block") => $$$"""
        name: moderated
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: checked
            kind: guard
            text: question
            on_error: {{{onError}}}
            checks:
              - { moderation: { model: omni-moderation-latest } }
          - id: answer
            kind: prompt
            template: "{{ checked }}"
        output: answer
        """;

    private static async Task<ReferenceServer> ServerAsync(int? fault = null) => await ReferenceServer.StartAsync(new ServerConfig
    {
        Models = [new ReferenceModel("fake-model")],
        FlaggedWords = ["hateful"],
        ModerationFault = fault,
        Delay = (_, _) => Task.CompletedTask,
    });

    private static Task<RunRecord> RunAsync(ReferenceServer server, string question, string onError = "block")
    {
        var engine = ReferenceProviders.Engine(ReferenceProviders.File(server, maxAttempts: 1));
        return engine.Compile(Patterns.Parse(Pattern(onError))).RunAsync(new Dictionary<string, string> { ["question"] = question });
    }

    private static int ChatRequests(ReferenceServer server) => server.Requests.Count(r => r.Body.ContainsKey("messages"));

    [Fact]
    public async Task A_flagged_text_is_blocked_before_the_model_and_the_moderation_call_is_measured()
    {
        await using var server = await ServerAsync();

        var stopped = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(server, "a hateful question"));

        Assert.Equal(RunStatus.Blocked, stopped.Partial.Status);
        Assert.Contains("flagged harassment", stopped.Message, StringComparison.Ordinal);
        Assert.Equal(0, ChatRequests(server));
        var call = Assert.Single(stopped.Partial.AllCalls());
        Assert.Equal("moderation", call.Route);
        Assert.Equal("omni-moderation-latest", call.Model);
        Assert.Equal("a hateful question", (string?)Assert.Single(server.Requests).Body["input"]);
        Assert.Equal("Bearer " + ReferenceProviders.Key, Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task A_clean_text_goes_on_to_the_model()
    {
        await using var server = await ServerAsync();

        var record = await RunAsync(server, "a kind question");

        Assert.Equal(RunStatus.Finished, record.Status);
        Assert.Equal(1, ChatRequests(server));
        Assert.Equal("allow", (string?)record.Stages[0].Details!["verdict"]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(ModerationsEndpoint.Malformed)]
    public async Task A_failing_moderation_endpoint_blocks_by_default_and_lets_through_when_the_guard_fails_open(int fault)
    {
        await using var closedServer = await ServerAsync(fault);
        await using var openServer = await ServerAsync(fault);

        var closed = await Assert.ThrowsAsync<PatternRunException>(() => RunAsync(closedServer, "a kind question"));
        var open = await RunAsync(openServer, "a kind question", onError: "allow");

        Assert.Equal(RunStatus.Blocked, closed.Partial.Status);
        Assert.Contains("failing closed", closed.Message, StringComparison.Ordinal);
        Assert.Equal(0, ChatRequests(closedServer));
        Assert.NotNull(Assert.Single(closed.Partial.AllCalls()).Error);
        Assert.Equal(RunStatus.Finished, open.Status);
        Assert.Contains("failing open", (string?)open.Stages[0].Details!["checks"]![0]!["reason"], StringComparison.Ordinal);
    }
}
