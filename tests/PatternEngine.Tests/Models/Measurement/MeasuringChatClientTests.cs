using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PatternEngine.Execution;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;
using PatternEngine.Models.Calls;

namespace PatternEngine.Tests.Models.Measurement;

public sealed class MeasuringChatClientTests
{
    private const string OnePrompt = """
        name: measured
        version: 1.0.0
        stages:
          - id: answer
            kind: prompt
            template: "Once upon a time"
        output: answer
        """;

    private readonly FakeTimeProvider _time = new();

    // An empty piece first (a keep-alive), then the answer in two pieces.
    private static readonly StreamStep[] Story =
    [
        new(TimeSpan.FromMilliseconds(50), ""),
        new(TimeSpan.FromMilliseconds(120), "there was"),
        new(TimeSpan.FromMilliseconds(200), " a fox"),
    ];

    private async Task<RunRecord> RunAsync(IChatClient model, bool streaming) =>
        await Engines.For(model, b => b.UseStreaming(streaming).WithTimeProvider(_time))
            .Compile(Patterns.Parse(OnePrompt))
            .RunAsync(new Dictionary<string, string>());

    [Fact]
    public async Task A_streamed_call_records_the_time_to_its_first_piece_of_text_and_its_whole_latency()
    {
        var model = new StreamingScriptedChatClient(_time, _ => Story);

        var record = await RunAsync(model, streaming: true);

        var call = Assert.Single(record.Stages.Single().CallRecords);
        Assert.Equal(170, call.TimeToFirstTokenMs);
        Assert.Equal(370, call.LatencyMs);
        Assert.Equal("there was a fox", call.Response);
        Assert.Equal("there was a fox", record.Output.Text);
        Assert.Equal(CallSource.Live, call.Source);
        Assert.False(call.Cached);
        Assert.Equal(4, call.OutputTokens);
        Assert.Equal(UsageSource.Provider, call.UsageSource);
    }

    [Fact]
    public async Task A_call_that_is_not_streamed_has_no_time_to_first_token()
    {
        var model = new StreamingScriptedChatClient(_time, _ => Story);

        var record = await RunAsync(model, streaming: false);

        var call = Assert.Single(record.Stages.Single().CallRecords);
        Assert.Null(call.TimeToFirstTokenMs);
        Assert.Equal(370, call.LatencyMs);
    }

    [Fact]
    public async Task A_call_is_its_first_attempt_unless_its_call_context_says_another()
    {
        var plain = await RunAsync(new ScriptedChatClient(_ => "ok"), streaming: false);
        using var measured = Measured(new ScriptedChatClient(_ => "ok"));
        var scope = CallScope.Begin("answer");

        await measured.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "again")], new ModelCallContext { Stage = "answer", Route = "judge", Attempt = 3, FallbackFrom = "big" }.AttachTo(null));

        Assert.Equal(1, plain.Stages.Single().CallRecords.Single().Attempt);
        var retried = Assert.Single(scope.Calls);
        Assert.Equal((3, "judge", "big"), (retried.Attempt, retried.Route, retried.FallbackFrom));
    }

    [Fact]
    public async Task A_failed_call_names_the_model_its_route_resolves_to()
    {
        var route = new ModelRoute(new ScriptedChatClient(_ => throw new InvalidOperationException("model down")), "tiny-model");

        var error = await Assert.ThrowsAsync<PatternRunException>(() =>
            Engines.For(route, b => b.WithTimeProvider(_time)).Compile(Patterns.Parse(OnePrompt)).RunAsync(new Dictionary<string, string>()));

        var call = error.Partial.Stages.Single().CallRecords.Single();
        Assert.Equal(("tiny-model", "model down"), (call.Model, call.Error));
    }

    [Fact]
    public async Task The_json_record_carries_source_cached_attempt_and_time_to_first_token()
    {
        var record = await RunAsync(new StreamingScriptedChatClient(_time, _ => Story), streaming: true);

        var json = RunRecordJson.ToJson(record);
        var call = json["stages"]![0]!["call_records"]![0]!;
        Assert.Equal("live", (string?)call["source"]);
        Assert.False((bool)call["cached"]!);
        Assert.Equal(1, (int)call["attempt"]!);
        Assert.Equal(170, (double)call["time_to_first_token_ms"]!);
        Assert.Equal(0, (int)json["stages"]![0]!["cached_calls"]!);
        Assert.Equal(0, (int)json["totals"]!["cached_calls"]!);
    }

    [Fact]
    public async Task An_answer_that_is_already_there_is_recorded_and_handed_on_unchanged()
    {
        var model = new ScriptedChatClient(_ => "at once");
        using var measured = Measured(model);
        var scope = CallScope.Begin("answer");

        var answer = measured.GetResponseAsync([new ChatMessage(ChatRole.User, "now")]);

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal("at once", (await answer).Text);
        var call = Assert.Single(scope.Calls);
        Assert.Equal(("answer", "at once", "now"), (call.Stage, call.Response, call.Messages.Single().Text));
    }

    [Fact]
    public async Task An_answer_that_takes_time_is_recorded_when_it_arrives()
    {
        var later = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var measured = Measured(new ScriptedChatClient((_, _) => later.Task));
        var scope = CallScope.Begin("answer");

        var answer = measured.GetResponseAsync([new ChatMessage(ChatRole.User, "wait")]);
        Assert.Empty(scope.Calls);
        _time.Advance(TimeSpan.FromMilliseconds(40));
        later.SetResult("done");
        await answer;

        var call = Assert.Single(scope.Calls);
        Assert.Equal(("done", 40), (call.Response, call.LatencyMs));
    }

    [Fact]
    public void A_model_that_throws_before_returning_a_task_throws_the_same_way_through_the_measurement_and_is_recorded()
    {
        using var measured = Measured(new ThrowingChatClient(new InvalidOperationException("no connection")));
        var scope = CallScope.Begin("answer");

        // Thrown by the call itself, not by awaiting it: a block, not a lambda returning the task.
        var error = Assert.Throws<InvalidOperationException>(() => { _ = measured.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]); });

        Assert.Equal("no connection", error.Message);
        Assert.Equal("no connection", Assert.Single(scope.Calls).Error);
    }

    [Fact]
    public async Task A_call_outside_any_stage_is_answered_and_leaves_no_record_behind()
    {
        using var measured = Measured(new ScriptedChatClient(_ => "free"));
        var scope = CallScope.Begin("answer");

        // Without the flow of the async context, the call runs outside the scope, as calls outside a run do.
        Task<ChatResponse> answer;
        using (ExecutionContext.SuppressFlow())
        {
            answer = Task.Run(() => measured.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));
        }

        Assert.Equal("free", (await answer).Text);
        Assert.Empty(scope.Calls);
    }

    [Fact]
    public async Task A_call_whose_record_cannot_be_made_is_answered_and_its_stage_says_so()
    {
        using var measured = Measured(new ScriptedChatClient(_ => "fine"));
        var stage = new RecordingCallSink();
        var scope = CallScope.Begin("answer", stage);

        var answer = await measured.GetResponseAsync(new UnreadableMessages(new ChatMessage(ChatRole.User, "hello")), new ChatOptions { ModelId = "judge" });

        Assert.Equal("fine", answer.Text);
        Assert.Empty(scope.Calls);
        Assert.StartsWith("a call to 'judge' could not be recorded (InvalidOperationException: unreadable)", Assert.Single(stage.Issues), StringComparison.Ordinal);
    }

    private IChatClient Measured(IChatClient model) =>
        new ChatClientBuilder(model).UseMeasurement(_time).Build();

    /// <summary>Messages a client can enumerate, whose indexer (what a record copies them with) throws.</summary>
    private sealed class UnreadableMessages(params ChatMessage[] messages) : IReadOnlyList<ChatMessage>
    {
        public int Count => messages.Length;

        public ChatMessage this[int index] => throw new InvalidOperationException("unreadable");

        public IEnumerator<ChatMessage> GetEnumerator() => ((IEnumerable<ChatMessage>)messages).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class ThrowingChatClient(Exception error) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw error;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw error;

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
