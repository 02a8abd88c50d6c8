using PatternEngine.Execution;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Execution;

/// <summary>Boolean, number and list inputs reach templates and <c>when</c> as booleans, numbers and arrays, not as text.</summary>
public sealed class TypedInputTests
{
    private const string Typed = """
        name: typed
        version: 1.0.0
        inputs:
          flag: { type: boolean, default: true }
          n: { type: number, default: 1 }
          items: { type: list, required: false }
        stages:
          - id: gated
            kind: prompt
            when: "flag"
            template: "gated"
          - id: counted
            kind: prompt
            when: "n > 9"
            template: "n + 1 = {{ n + 1 }}; n * 2 = {{ n * 2 }}; {{ items.size }} items, last {{ items | array.last }}"
          - id: shown
            kind: prompt
            template: "flag {{ flag }}, not flag {{ !flag }}, n {{ n }}"
        output: shown
        """;

    private static async Task<(RunRecord Record, ScriptedChatClient Model)> RunAsync(params (string Name, string Value)[] inputs)
    {
        var model = new ScriptedChatClient(r => "ok");
        var record = await Patterns.RunAsync(Typed, model, inputs);
        return (record, model);
    }

    private static string PromptOf(ScriptedChatClient model, string start) =>
        model.Requests.Single(r => r.Prompt.StartsWith(start, StringComparison.Ordinal)).Prompt;

    [Fact]
    public async Task A_false_boolean_input_makes_its_when_false()
    {
        var (record, model) = await RunAsync(("flag", "false"));

        Assert.True(record.Stages.Single(s => s.Id == "gated").Skipped);
        Assert.DoesNotContain(model.Requests, r => r.Prompt == "gated");
        Assert.Equal("flag false, not flag true, n 1", PromptOf(model, "flag"));
    }

    [Fact]
    public async Task A_true_boolean_input_makes_its_when_true()
    {
        var (record, _) = await RunAsync(("flag", "True"));

        Assert.False(record.Stages.Single(s => s.Id == "gated").Skipped);
    }

    [Fact]
    public async Task A_number_input_is_a_number_in_templates_and_in_when()
    {
        var (record, model) = await RunAsync(("n", "10"), ("items", "[\"a\", \"b\", \"c\"]"));

        Assert.False(record.Stages.Single(s => s.Id == "counted").Skipped);
        Assert.Equal("n + 1 = 11; n * 2 = 20; 3 items, last c", PromptOf(model, "n + 1"));
    }

    [Fact]
    public async Task A_number_below_the_condition_skips_the_stage()
    {
        var (record, _) = await RunAsync(("n", "9"));

        Assert.True(record.Stages.Single(s => s.Id == "counted").Skipped);
    }

    [Fact]
    public async Task A_fractional_number_stays_a_number()
    {
        var (_, model) = await RunAsync(("n", "12.5"));

        Assert.Equal("n + 1 = 13.5; n * 2 = 25; 0 items, last", PromptOf(model, "n + 1"));
    }

    [Fact]
    public async Task A_default_true_renders_as_a_passed_true()
    {
        var (defaulted, byDefault) = await RunAsync();
        var (passed, byValue) = await RunAsync(("flag", "true"));

        Assert.Equal(PromptOf(byValue, "flag"), PromptOf(byDefault, "flag"));
        Assert.Equal("flag true, not flag false, n 1", PromptOf(byDefault, "flag"));
        Assert.Equal(passed.Stages.Single(s => s.Id == "gated").Skipped, defaulted.Stages.Single(s => s.Id == "gated").Skipped);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public async Task NaN_and_infinities_are_refused_for_a_number_input(string value)
    {
        var error = await Assert.ThrowsAsync<PatternInputException>(() => RunAsync(("n", value)));

        Assert.Equal($"input 'n' must be a finite number, not '{value}' (NaN and infinities are refused)", error.Message);
    }

    [Fact]
    public void Typed_values_show_their_invariant_text_and_give_templates_themselves()
    {
        Assert.Equal(("true", (object)true), (StageValue.Of(true).Text, StageValue.Of(true).ToTemplateValue()));
        Assert.Equal(("10", (object)10L), (StageValue.Of(10L).Text, StageValue.Of(10L).ToTemplateValue()));
        Assert.Equal(("2.5", (object)2.5), (StageValue.Of(2.5).Text, StageValue.Of(2.5).ToTemplateValue()));
        Assert.Throws<ArgumentOutOfRangeException>(() => StageValue.Of(double.NaN));
    }

    [Theory]
    [InlineData("number", "many", "the default of input 'x' must be a number, not 'many'; give a number, as its type says")]
    [InlineData("number", ".nan", "the default of input 'x' must be a number, not '.nan'; give a number, as its type says")]
    [InlineData("number", "NaN", "the default of input 'x' must be a finite number, not 'NaN' (NaN and infinities are refused); give a number, as its type says")]
    [InlineData("boolean", "yes", "the default of input 'x' must be true or false, not 'yes'; give true or false, as its type says")]
    [InlineData("boolean", "1", "the default of input 'x' must be true or false, not '1'; give true or false, as its type says")]
    public void A_default_that_is_not_of_its_inputs_type_is_reported_where_it_is_written(string type, string value, string message)
    {
        var diagnostic = Assert.Single(Patterns.Diagnose($$$"""
            name: typed
            version: 1.0.0
            inputs:
              x: { type: {{{type}}}, default: {{{value}}} }
            stages:
              - id: answer
                kind: prompt
                template: "{{ x }}"
            output: answer
            """));

        Assert.Equal(message, diagnostic.Message);
        Assert.Equal((4, $"  x: {{ type: {type}, default: ".Length + 1), (diagnostic.Location.Line, diagnostic.Location.Column));
    }

    [Fact]
    public async Task A_list_default_is_a_list()
    {
        var model = new ScriptedChatClient(r => "ok");

        await Patterns.RunAsync("""
            name: listed
            version: 1.0.0
            inputs:
              items: { type: list, default: [a, b] }
            stages:
              - id: answer
                kind: prompt
                template: "{{ items.size }}: {{ items | array.join ',' }}"
            output: answer
            """, model);

        Assert.Equal("2: a,b", Assert.Single(model.Requests).Prompt);
    }
}
