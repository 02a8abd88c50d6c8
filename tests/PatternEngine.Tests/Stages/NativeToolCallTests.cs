using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using PatternEngine.Compilation;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed class NativeToolCallTests
{
    private const string WithTools = """
        name: native
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            system: Be exact.
            template: "{{ question }}"
            tools: [math.evaluate]
            max_tool_rounds: 2
        output: answer
        """;

    private static KernelPlugin Math(Func<string, string> evaluate) =>
        KernelPluginFactory.CreateFromFunctions("math", [KernelFunctionFactory.CreateFromMethod((string expression) => evaluate(expression), "evaluate", "Evaluates arithmetic.")]);

    private static CompiledPattern Compile(IChatClient model, KernelPlugin plugin) =>
        Engines.For(new ModelRoute(model) { FunctionCalling = true }, b => b.AddPlugins([plugin])).Compile(Patterns.Parse(WithTools));

    [Fact]
    public async Task A_model_that_calls_functions_natively_gets_them_as_tools_and_their_results()
    {
        var model = new FunctionCallingModel(callsBeforeAnswering: 1);

        var record = await Compile(model, Math(expression => "42")).RunAsync(new Dictionary<string, string> { ["question"] = "12 + 30?" });

        var stage = Assert.Single(record.Stages);
        Assert.Equal("the answer is 42", record.Output.Text);
        Assert.Equal(2, stage.Calls); // every round of the conversation is measured
        Assert.Equal("math_evaluate", Assert.Single(model.Requests[0].Options!.Tools!).Name);
        Assert.DoesNotContain("CALL plugin.function", model.Requests[0].Messages[0].Text, StringComparison.Ordinal);
        var result = model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>().Single();
        Assert.Equal("42", result.Result?.ToString());
        var call = stage.Details!["tool_calls"]!.AsArray().Single()!;
        Assert.Equal("math.evaluate", (string?)call["tool"]);
        Assert.Contains("12 + 30", (string?)call["arguments"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_that_throws_is_an_error_the_model_reads_not_a_failed_run()
    {
        var model = new FunctionCallingModel(callsBeforeAnswering: 1);

        var record = await Compile(model, Math(_ => throw new InvalidOperationException("no arithmetic today")))
            .RunAsync(new Dictionary<string, string> { ["question"] = "12 + 30?" });

        var call = record.Stages[0].Details!["tool_calls"]!.AsArray().Single()!;
        Assert.Equal("no arithmetic today", (string?)call["error"]);
        var result = model.Requests[1].Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>().Single();
        Assert.Contains("no arithmetic today", result.Result?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_keeps_calling_is_stopped_at_the_round_limit()
    {
        var model = new FunctionCallingModel(callsBeforeAnswering: 10);

        var record = await Compile(model, Math(_ => "1")).RunAsync(new Dictionary<string, string> { ["question"] = "loop" });

        var stage = record.Stages[0];
        Assert.Equal(2, stage.Details!["tool_calls"]!.AsArray().Count);
        Assert.Contains(stage.Issues, i => i.Contains("after 2 tool round(s)", StringComparison.Ordinal));
    }

    /// <summary>A model that asks for math.evaluate a number of times, then answers with what the last call returned.</summary>
    private sealed class FunctionCallingModel(int callsBeforeAnswering) : IChatClient
    {
        public List<ScriptedRequest> Requests { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sent = messages.ToList();
            lock (Requests)
            {
                Requests.Add(new ScriptedRequest(Requests.Count, sent, options));
            }

            var results = sent.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>().ToList();
            var reply = results.Count < callsBeforeAnswering
                ? new ChatMessage(ChatRole.Assistant, [new Microsoft.Extensions.AI.FunctionCallContent($"call{results.Count}", "math_evaluate", new Dictionary<string, object?> { ["expression"] = "12 + 30" })])
                : new ChatMessage(ChatRole.Assistant, $"the answer is {results.LastOrDefault()?.Result}");
            return Task.FromResult(new ChatResponse(reply) { ModelId = "tools-model", Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1 } });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("tools", null, "tools-model") : null;

        public void Dispose()
        {
        }
    }
}
