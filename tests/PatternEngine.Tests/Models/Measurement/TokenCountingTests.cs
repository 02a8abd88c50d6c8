using Microsoft.ML.Tokenizers;
using PatternEngine.Execution;
using PatternEngine.Models.Measurement;
using PatternEngine.Tests.Support;
using PatternEngine.Models.Calls;

namespace PatternEngine.Tests.Models.Measurement;

public sealed class TokenCountingTests
{
    private const string OnePrompt = """
        name: counted
        version: 1.0.0
        stages:
          - id: answer
            kind: prompt
            system: "You are terse."
            template: "Say hello to the world."
        output: answer
        """;

    private static async Task<CallRecord> RunAsync(ScriptedChatClient model, bool dropUsage, bool streaming = false)
    {
        var client = dropUsage ? new AnnotatingChatClient(model, r => r.Usage = null) : (Microsoft.Extensions.AI.IChatClient)model;
        var record = await Engines.For(client, b => b.UseStreaming(streaming))
            .Compile(Patterns.Parse(OnePrompt))
            .RunAsync(new Dictionary<string, string>());
        return Assert.Single(record.Stages.Single().CallRecords);
    }

    [Fact]
    public void The_o200k_encoding_counts_a_known_text_as_tiktoken_does()
    {
        var tokenizer = TiktokenCounter.For("gpt-4o")!;

        // o200k_base splits these as "Hello" "," " world" "!" and "The" " quick" " brown" " fox" " jumps" " over" " the" " lazy" " dog" ".".
        Assert.Equal(4, tokenizer.CountTokens("Hello, world!"));
        Assert.Equal(10, tokenizer.CountTokens("The quick brown fox jumps over the lazy dog."));
        Assert.Equal(["Hello", ",", " world", "!"], tokenizer.EncodeToTokens("Hello, world!", out _).Select(t => t.Value));
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4o-mini")]
    [InlineData("gpt-4o-2024-08-06")]
    [InlineData("gpt-4.1")]
    [InlineData("gpt-4.1-nano-2025-04-14")]
    [InlineData("o3")]
    [InlineData("o3-mini")]
    [InlineData("o4-mini-2025-04-16")]
    [InlineData("openai/GPT-4o")]
    public void The_gpt_4_1_gpt_4o_o3_and_o4_mini_families_use_o200k_base(string model) =>
        Assert.Same(TiktokenCounter.For("gpt-4o"), TiktokenCounter.For(model));

    [Theory]
    [InlineData("stories260K")]
    [InlineData("gpt-4")]
    [InlineData("gpt-3.5-turbo")]
    [InlineData("o1")]
    [InlineData("gpt-4omni")]
    [InlineData("")]
    public void Other_models_have_no_tiktoken_encoding(string model) => Assert.Null(TiktokenCounter.For(model));

    [Fact]
    public async Task A_call_whose_provider_reports_no_usage_is_counted_with_tiktoken_and_says_so()
    {
        var call = await RunAsync(new ScriptedChatClient(_ => "Hello, world!") { ModelId = "gpt-4o-2024-08-06" }, dropUsage: true);

        Assert.Equal(UsageSource.Tiktoken, call.UsageSource);

        // Sent: 3 to prime the reply + per message 3 + role + text:
        // system "You are terse." (1 + 4 tokens), user "Say hello to the world." (1 + 6 tokens).
        Assert.Equal(3 + (3 + 1 + 4) + (3 + 1 + 6), call.InputTokens);
        Assert.Equal(4, call.OutputTokens);
    }

    [Fact]
    public async Task A_streamed_call_without_usage_is_counted_with_tiktoken_too()
    {
        var call = await RunAsync(new ScriptedChatClient(_ => "Hello, world!") { ModelId = "o4-mini" }, dropUsage: true, streaming: true);

        Assert.Equal(UsageSource.Tiktoken, call.UsageSource);
        Assert.Equal(4, call.OutputTokens);
        Assert.True(call.InputTokens > 0);
    }

    [Fact]
    public async Task Usage_the_provider_reports_is_kept()
    {
        var call = await RunAsync(new ScriptedChatClient(_ => "Hello, world!") { ModelId = "gpt-4o" }, dropUsage: false);

        Assert.Equal(UsageSource.Provider, call.UsageSource);
        Assert.Equal(ScriptedChatClient.Words("Hello, world!"), call.OutputTokens);
    }

    [Fact]
    public async Task A_model_without_a_known_encoding_and_without_usage_stays_uncounted()
    {
        var call = await RunAsync(new ScriptedChatClient(_ => "Hello, world!") { ModelId = "mystery-model" }, dropUsage: true);

        Assert.Equal(UsageSource.None, call.UsageSource);
        Assert.Equal(0, call.InputTokens);
        Assert.Equal(0, call.OutputTokens);
    }

    [Fact]
    public void Token_pieces_of_the_prompt_texts_are_what_the_expected_counts_assume()
    {
        var tokenizer = TiktokenCounter.For("gpt-4o")!;

        Assert.Equal(["You", " are", " terse", "."], Pieces(tokenizer, "You are terse."));
        Assert.Equal(["Say", " hello", " to", " the", " world", "."], Pieces(tokenizer, "Say hello to the world."));
        Assert.Equal(1, tokenizer.CountTokens("system"));
        Assert.Equal(1, tokenizer.CountTokens("user"));
    }

    private static IEnumerable<string> Pieces(Tokenizer tokenizer, string text) => tokenizer.EncodeToTokens(text, out _).Select(t => t.Value);
}
