using PatternEngine.Compilation;
using PatternEngine.Library;
using PatternEngine.Models.Providers;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Models.OpenAI;

public sealed class OpenAIPatternRunTests
{
    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private static CompiledPattern Compile(PatternRuntime providers, string pattern) => providers.Compile(BuiltIns.Load(BuiltIns.Resolve(pattern)));

    private static PatternRuntime Providers(ProvidersFile file) => ReferenceProviders.Engine(file, b => b.AddPlugins(BuiltIns.Tools()));

    [Fact]
    public async Task The_tool_calling_reflex_calls_a_function_natively_and_answers_with_its_result()
    {
        await using var server = await ReferenceServer.StartAsync(request => request.HasToolResult
            ? ServerReply.Text("84")
            : ServerReply.CallTool("evaluate", """{"expression":"(12 + 30) * 2"}"""));
        using var providers = Providers(ReferenceProviders.File(server));

        var record = await Compile(providers, "tool-calling-reflex").RunAsync(new Dictionary<string, string> { ["question"] = "What is (12 + 30) * 2?" });

        Assert.Equal("84", record.Output.Text);
        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(2, requests[0].ToolNames.Count);
        var toolResult = requests[1].Body["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Equal("84", toolResult["content"]!.GetValue<string>());
        var stage = Assert.Single(record.Stages);
        Assert.Equal(2, stage.CallRecords.Length); // each round of the tool conversation is a measured call
        Assert.Equal("math.evaluate", stage.Details!["tool_calls"]!.AsArray().Single()!["tool"]!.GetValue<string>());
    }

    [Fact]
    public async Task Structured_output_sends_the_schema_as_response_format_and_extracts_the_answer()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("""{"answer": "Paris", "confidence": 0.9}"""));
        using var providers = Providers(ReferenceProviders.File(server));

        var record = await Compile(providers, "structured-output").RunAsync(new Dictionary<string, string> { ["question"] = "Capital of France?" });

        Assert.Equal("Paris", record.Output.Text);
        var format = server.Requests.Single().Body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var schema = format["json_schema"]!["schema"]!;
        Assert.Equal(["answer", "confidence"], schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task An_answer_that_breaks_the_schema_is_caught_on_our_side_too()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("""{"answer": "Paris"}"""));
        using var providers = Providers(ReferenceProviders.File(server));

        var record = await Compile(providers, "structured-output").RunAsync(new Dictionary<string, string> { ["question"] = "Capital of France?" });

        Assert.Contains(Assert.Single(record.Stages).Issues, i => i.Contains("does not satisfy the output schema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_without_structured_output_gets_no_response_format_but_the_same_check()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("""{"answer": "Paris", "confidence": 1}"""));
        using var providers = Providers(ReferenceProviders.File(server, structuredOutput: false));

        var record = await Compile(providers, "structured-output").RunAsync(new Dictionary<string, string> { ["question"] = "Capital of France?" });

        Assert.Equal("Paris", record.Output.Text);
        Assert.Null(server.Requests.Single().Body["response_format"]);
    }

    [Fact]
    public async Task The_call_record_keeps_the_providers_usage_with_cached_and_reasoning_tokens()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Paris", promptTokens: 1200, completionTokens: 80, cachedTokens: 1024, reasoningTokens: 50));
        using var providers = Providers(ReferenceProviders.File(server));

        var record = await providers.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>());

        var call = Assert.Single(Assert.Single(record.Stages).CallRecords);
        Assert.Equal((1200, 80, 1024L, 50L), (call.InputTokens, call.OutputTokens, call.CachedInputTokens, call.ReasoningTokens));
        Assert.Equal("fake-model", call.Model);
        Assert.Equal("provider", call.UsageSource);
        Assert.Null(call.Error);
    }
}
