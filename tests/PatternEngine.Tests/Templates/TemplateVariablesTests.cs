using PatternEngine.Definitions;
using PatternEngine.Templates;
using PatternEngine.Tests.Support;
using Scriban;

namespace PatternEngine.Tests.Templates;

/// <summary>The names a template reads from outside itself, which validation turns into inputs and stage dependencies.</summary>
public sealed class TemplateVariablesTests
{
    private static string[] Reads(string text)
    {
        var template = Template.Parse(text);
        Assert.False(template.HasErrors, string.Join("; ", template.Messages));
        return [.. TemplateVariables.Of(template).Select(v => v.Name)];
    }

    [Fact]
    public void A_variable_is_a_read_with_its_zero_based_position()
    {
        var template = Template.Parse("Q:\n  {{ question }}");

        var read = Assert.Single(TemplateVariables.Of(template));

        Assert.Equal(new TemplateVariable("question", 1, 5), read);
    }

    [Fact]
    public void Every_read_is_listed_in_order_including_repeats()
    {
        Assert.Equal(["a", "b", "a"], Reads("{{ a }} {{ b }} {{ a }}"));
    }

    [Fact]
    public void Assigned_variables_are_not_reads()
    {
        Assert.Equal(["q"], Reads("{{ x = q }}{{ x }}"));
    }

    [Fact]
    public void A_loop_variable_is_not_a_read_but_the_list_is()
    {
        Assert.Equal(["samples"], Reads("{{ for s in samples }}{{ s }}{{ end }}"));
    }

    [Fact]
    public void Captures_and_functions_a_template_defines_are_not_reads()
    {
        Assert.Equal(["q"], Reads("{{ capture c }}{{ q }}{{ end }}{{ c }}{{ func f }}x{{ end }}{{ f }}"));
    }

    [Fact]
    public void The_role_function_is_not_a_read()
    {
        Assert.Equal(["q"], Reads("{{ role \"system\" }}S{{ role \"user\" }}{{ q }}"));
    }

    [Fact]
    public void A_member_access_reads_the_object_only()
    {
        Assert.Equal(["draft"], Reads("{{ draft.size }}"));
    }

    [Fact]
    public void Builtin_functions_are_not_reads()
    {
        Assert.Equal(["q", "q"], Reads("{{ string.upcase q }}{{ math.round 1.5 }}{{ q | array.size }}"));
    }

    [Fact]
    public void The_loop_object_is_not_a_read()
    {
        Assert.Equal(["samples"], Reads("{{ for s in samples }}{{ for.index }}: {{ s }}{{ end }}"));
    }

    [Theory]
    [InlineData("{{ question | string.upcase }}")]
    [InlineData("{{ question.size }}")]
    [InlineData("{{ for s in items }}{{ for.index }}: {{ s }}{{ end }}")]
    public void A_pattern_template_may_use_members_builtins_and_the_loop_object(string template)
    {
        var yaml = $"name: demo\nversion: 1.0.0\ninputs:\n  question: {{ type: string }}\n  items: {{ type: list }}\nstages:\n  - id: a\n    kind: prompt\n    template: '{template}'\noutput: a\n";

        var definition = Patterns.Parse(yaml);

        Assert.Single(definition.Stages);
    }

    [Fact]
    public void A_member_named_like_a_stage_is_not_a_dependency_on_it()
    {
        const string yaml = "name: demo\nversion: 1.0.0\ninputs:\n  question: { type: string }\nstages:\n  - id: size\n    kind: prompt\n    template: \"{{ question }}\"\n  - id: reader\n    kind: prompt\n    template: \"{{ question.size }}\"\noutput: reader\n";

        var compiled = Patterns.Compile(yaml, new ScriptedChatClient(_ => "ok"));

        Assert.Empty(compiled.Plan.Stages.Single(s => s.Id == "reader").DependsOn);
    }

    [Fact]
    public void A_variable_read_before_it_is_assigned_is_a_read()
    {
        Assert.Equal(["x"], Reads("{{ x }}{{ x = 1 }}"));
    }

    [Fact]
    public void A_template_without_code_reads_nothing()
    {
        Assert.Empty(Reads("Just text < & \""));
    }

    // A stage or input may be called anything of the form ^[a-z_][a-z0-9_]*$, including the names of Scriban's
    // built-in objects and of the role function. Whatever the engine decides (reject the name, or let it win),
    // a pattern that passes validation must not read the built-in instead of the stage, nor fail to render.
    public static TheoryData<string> BuiltinNames => new() { "date", "string", "math", "array", "html", "object", "regex", "timespan", "role" };

    [Theory]
    [MemberData(nameof(BuiltinNames))]
    public async Task A_stage_named_like_a_builtin_is_a_dependency_of_the_stage_that_reads_it_or_is_rejected(string name)
    {
        var yaml = $"name: demo\nversion: 1.0.0\ninputs:\n  question: {{ type: string }}\nstages:\n  - id: {name}\n    kind: prompt\n    template: \"{{{{ question }}}}\"\n  - id: reader\n    kind: prompt\n    template: \"got {{{{ {name} }}}}\"\noutput: reader\n";
        PatternDefinition definition;
        try
        {
            definition = Patterns.Parse(yaml);
        }
        catch (PatternFileException e)
        {
            Assert.Contains(e.Diagnostics, d => d.Message.Contains($"'{name}'", StringComparison.Ordinal));
            return;
        }

        var client = new ScriptedChatClient(async (r, ct) =>
        {
            if (r.Prompt == "slow")
            {
                await Task.Delay(100, ct);
            }

            return "value of " + r.Prompt;
        });
        var compiled = Engines.For(client).Compile(definition);

        Assert.Equal([name], compiled.Plan.Stages.Single(s => s.Id == "reader").DependsOn);
        var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "slow" });
        Assert.Equal("value of got value of slow", record.Output.Text);
    }

    [Fact]
    public async Task An_input_named_role_does_not_break_the_system_prompt_or_is_rejected()
    {
        const string yaml = "name: demo\nversion: 1.0.0\ninputs:\n  role: { type: string }\nstages:\n  - id: answer\n    kind: prompt\n    system: Be brief.\n    template: \"As {{ role }}: hi\"\noutput: answer\n";
        PatternDefinition definition;
        try
        {
            definition = Patterns.Parse(yaml);
        }
        catch (PatternFileException e)
        {
            Assert.Contains(e.Diagnostics, d => d.Message.Contains("'role'", StringComparison.Ordinal));
            return;
        }

        var client = new ScriptedChatClient(_ => "ok");
        var record = await Engines.For(client).Compile(definition)
            .RunAsync(new Dictionary<string, string> { ["role"] = "pirate" });

        Assert.Equal("ok", record.Output.Text);
        var request = Assert.Single(client.Requests);
        Assert.Equal("Be brief.", request.System);
        Assert.Equal("As pirate: hi", request.Prompt);
    }
}
