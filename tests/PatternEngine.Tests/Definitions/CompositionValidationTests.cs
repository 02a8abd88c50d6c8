using PatternEngine.Definitions;
using PatternEngine.Library;
using PatternEngine.Tests.Cli;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Definitions;

/// <summary>
/// Validation across files: what a stage that runs another pattern gets wrong is reported in the including file, at
/// the field that is wrong, naming the included file's own location when the problem is there.
/// </summary>
public sealed class CompositionValidationTests : IDisposable
{
    private static readonly PatternLoadOptions BuiltIns = new() { Library = new PatternLibrary(Path.Combine(Patterns.RepositoryRoot(), "patterns")) };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A pattern whose stage 'inner' (line 7) runs <paramref name="pattern"/> with the bindings given from line 9.</summary>
    private static string Including(string pattern, string bindings = "question: \"{{ question }}\"", string extra = "") => $$$"""
        name: outer
        version: 1.0.0
        inputs:
          question: { type: string }
          count: { type: number, default: 3 }
          flag: { type: boolean, default: false }
        stages:
          - id: inner
            kind: pattern
            pattern: {{{pattern}}}
            inputs:
              {{{bindings}}}{{{extra}}}
        output: inner
        """;

    private const string Numbered = """
        name: numbered
        version: 1.0.0
        inputs:
          question: { type: string }
          n: { type: number }
          strict: { type: boolean, default: false }
          items: { type: list, required: false }
        stages:
          - id: answer
            kind: prompt
            template: "{{ question }} {{ n }} {{ strict }} {{ items.size }}"
        output: answer
        """;

    private static IReadOnlyList<Diagnostic> Diagnose(string file) =>
        Assert.Throws<PatternFileException>(() => PatternFile.Load(file, BuiltIns)).Diagnostics;

    private static (int Line, int Column) At(Diagnostic diagnostic) => (diagnostic.Location.Line, diagnostic.Location.Column);

    [Fact]
    public void A_built_in_is_found_by_name_and_a_file_by_its_path_relative_to_the_including_file()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "parts"));
        _dir.Write("parts/numbered.yaml", Numbered);
        var file = _dir.Write("outer.yaml", """
            name: outer
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: reasoned
                kind: pattern
                pattern: chain-of-thought
                inputs: { question: "{{ question }}" }
              - id: counted
                kind: pattern
                pattern: parts/numbered.yaml
                inputs: { question: "{{ reasoned }}", n: 2 }
            output: counted
            """);

        var pattern = PatternFile.Load(file, BuiltIns);

        var reasoned = Assert.IsType<PatternStage>(pattern.Stages[0]);
        Assert.Equal("chain-of-thought", reasoned.Call.Definition!.Name);
        Assert.Equal("numbered", Assert.IsType<PatternStage>(pattern.Stages[1]).Call.Definition!.Name);
        Assert.Equal(["reasoned.reasoning", "counted.answer"], QualifiedStages.Of(pattern).Select(s => s.Id));
    }

    [Fact]
    public void An_unknown_pattern_is_reported_at_its_name_with_the_built_ins()
    {
        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", Including("chain-of-thougt"))));

        Assert.Equal((10, 14), At(diagnostic));
        Assert.StartsWith("unknown pattern 'chain-of-thougt'; built-in patterns are baseline, chain-of-thought,", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith("a file is named by its path relative to this file (ending in .yaml)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_at_its_path_with_where_it_was_looked_for()
    {
        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", Including("parts/missing.yaml"))));

        Assert.Equal((10, 14), At(diagnostic));
        Assert.StartsWith("no pattern file 'parts/missing.yaml' (looked for ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("parts", "missing.yaml"), diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_include_cycle_is_reported_in_the_including_file_with_its_chain_and_the_included_files_location()
    {
        var a = _dir.Write("a.yaml", Including("b.yaml"));
        _dir.Write("b.yaml", Including("a.yaml").Replace("name: outer", "name: b", StringComparison.Ordinal));

        var diagnostic = Assert.Single(Diagnose(a));

        Assert.Equal((10, 14), At(diagnostic));
        Assert.StartsWith("included pattern 'b.yaml' is invalid: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Matches(@"b\.yaml:10:14: including 'a\.yaml' makes a cycle: .*a\.yaml -> .*b\.yaml -> .*a\.yaml; a pattern may not include itself", diagnostic.Message);
    }

    [Fact]
    public void A_pattern_that_includes_itself_is_a_cycle_of_one()
    {
        var diagnostic = Assert.Single(Diagnose(_dir.Write("a.yaml", Including("a.yaml"))));

        Assert.Equal((10, 14), At(diagnostic));
        Assert.Matches(@"^including 'a\.yaml' makes a cycle: .*a\.yaml -> .*a\.yaml;", diagnostic.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_reported_with_the_chain()
    {
        for (var level = 1; level <= 3; level++)
        {
            _dir.Write($"level{level}.yaml", Including($"level{level + 1}.yaml").Replace("name: outer", $"name: level{level}", StringComparison.Ordinal));
        }

        _dir.Write("level4.yaml", Numbered.Replace("n: { type: number }", "n: { type: number, default: 1 }", StringComparison.Ordinal));
        var options = BuiltIns with { MaxNestingDepth = 2 };

        var error = Assert.Throws<PatternFileException>(() => PatternFile.Load(Path.Combine(_dir.Path, "level1.yaml"), options));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Matches(@"patterns nest more than 2 levels deep: .*level1\.yaml -> .*level2\.yaml -> .*level3\.yaml -> .*level4\.yaml; flatten the chain", diagnostic.Message);
        var allowed = PatternFile.Load(Path.Combine(_dir.Path, "level1.yaml"), BuiltIns with { MaxNestingDepth = 3 });
        Assert.Equal("inner.inner.inner.answer", Assert.Single(QualifiedStages.Of(allowed)).Id);
    }

    [Fact]
    public void The_documented_nesting_limit_is_eight_levels() => Assert.Equal(8, new PatternLoadOptions().MaxNestingDepth);

    [Fact]
    public void A_problem_in_the_included_file_names_its_own_location()
    {
        _dir.Write("broken.yaml", Numbered.Replace("{{ question }} {{ n }}", "{{ question }} {{ nowhere }}", StringComparison.Ordinal));

        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", Including("broken.yaml"))));

        Assert.Equal((10, 14), At(diagnostic));
        Assert.Matches(@"^included pattern 'broken\.yaml' is invalid: .*broken\.yaml:11:34: undeclared variable 'nowhere'", diagnostic.Message);
    }

    [Fact]
    public void A_required_input_left_unbound_is_reported_with_what_it_is()
    {
        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", Including("self-critique", "{}"))));

        Assert.Equal((10, 14), At(diagnostic));
        Assert.Equal("stage 'inner' does not bind input 'question' (The question to answer), which pattern 'self-critique' needs; add it under inputs, as question: \"{{ ... }}\"", diagnostic.Message);
    }

    [Fact]
    public void An_input_the_included_pattern_does_not_take_is_reported_at_its_binding()
    {
        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", Including("chain-of-thought", "question: \"{{ question }}\"\n      tone: friendly"))));

        Assert.Equal((13, 13), At(diagnostic));
        Assert.Equal("stage 'inner' binds input 'tone', which pattern 'chain-of-thought' does not take; it takes question", diagnostic.Message);
    }

    [Fact]
    public void An_undeclared_variable_in_a_binding_is_reported_where_it_is_read()
    {
        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", Including("chain-of-thought", "question: \"{{ questoin }}\""))));

        Assert.Equal((12, 21), At(diagnostic));
        Assert.StartsWith("undeclared variable 'questoin' in the inputs.question of stage 'inner'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n: \"{{ question }}\"", "input 'n' of pattern 'numbered' takes a number, but stage 'inner' binds it to input 'question', which is text")]
    [InlineData("n: \"{{ flag }}\"", "input 'n' of pattern 'numbered' takes a number, but stage 'inner' binds it to input 'flag', which is true or false")]
    [InlineData("n: many", "input 'n' of pattern 'numbered' takes a number, but stage 'inner' binds it to 'many'")]
    [InlineData("n: true", "input 'n' of pattern 'numbered' takes a number, but stage 'inner' binds it to true")]
    [InlineData("n: 2\n      strict: \"{{ count }}\"", "input 'strict' of pattern 'numbered' takes true or false, but stage 'inner' binds it to input 'count', which is a number")]
    [InlineData("n: 2\n      strict: 1", "input 'strict' of pattern 'numbered' takes true or false, but stage 'inner' binds it to the number 1")]
    [InlineData("n: 2\n      items: \"{{ question }}\"", "input 'items' of pattern 'numbered' takes a list, but stage 'inner' binds it to input 'question', which is text; bind a list: a list stage or input, or items in brackets")]
    [InlineData("n: [\"1\"]", "input 'n' of pattern 'numbered' takes a number, but stage 'inner' binds it to a list; bind one item ({{ x[0] }}) or join the items ({{ x | array.join \"\\n\" }})")]
    public void A_value_of_the_wrong_type_for_the_included_input_is_reported_at_its_binding(string bindings, string message)
    {
        _dir.Write("numbered.yaml", Numbered);

        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", Including("numbered.yaml", "question: \"{{ question }}\"\n      " + bindings))));

        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(13, diagnostic.Location.Line + (bindings.Contains('\n', StringComparison.Ordinal) ? -1 : 0));
    }

    [Theory]
    [InlineData("n: \"{{ count }}\"")]
    [InlineData("n: \"{{ count + 1 }}\"")]
    [InlineData("n: 2.5")]
    [InlineData("n: \"7\"")]
    [InlineData("n: 2\n      strict: \"{{ flag }}\"")]
    [InlineData("n: 2\n      strict: \"{{ !flag }}\"")]
    [InlineData("n: 2\n      items: [\"a\", \"b\"]")]
    [InlineData("n: 2\n      items: \"first\\nsecond\"")]
    [InlineData("n: 2\n      question: \"{{ count }} times\"")]
    public void A_value_of_the_right_type_or_one_only_a_run_can_tell_is_accepted(string bindings)
    {
        _dir.Write("numbered.yaml", Numbered);
        var binding = bindings.StartsWith("n: 2\n      question", StringComparison.Ordinal) ? bindings : "question: \"{{ question }}\"\n      " + bindings;

        var pattern = PatternFile.Load(_dir.Write("outer.yaml", Including("numbered.yaml", binding)), BuiltIns);

        Assert.Equal("numbered", Assert.IsType<PatternStage>(pattern.Stages[0]).Call.Definition!.Name);
    }

    [Fact]
    public void A_model_override_must_name_a_stage_of_the_included_pattern_that_calls_a_model()
    {
        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", Including("self-critique", extra: "\n    models: { critic: judge, draft: fast }"))));

        Assert.Equal((13, 23), At(diagnostic));
        Assert.Equal("models names stage 'critic', which is not a stage of pattern 'self-critique' that calls a model; those are draft, refined", diagnostic.Message);
    }

    [Fact]
    public void A_body_with_a_template_and_a_pattern_is_refused_by_the_schema()
    {
        var diagnostics = Patterns.Diagnose("""
            name: both
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: samples
                kind: fan_out
                count: 2
                body: { pattern: chain-of-thought, template: "{{ question }}" }
            output: samples
            """);

        Assert.Contains(diagnostics, d => d.Message.StartsWith("unknown field 'template'", StringComparison.Ordinal) && d.Location.Line == 9);
    }

    [Fact]
    public void A_refine_fed_a_list_refines_each_item_and_yields_a_list()
    {
        var pattern = Patterns.Parse("""
            name: refine-each
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: drafts
                kind: fan_out
                count: 3
                body: { template: "{{ question }}", temperature: 0.8 }
              - id: refined
                kind: refine
                from: drafts
                stop_when: ACCEPT
                critique: { template: "{{ draft }}" }
                revise: { template: "{{ draft }} {{ critique }}" }
              - id: vote
                kind: reduce
                from: refined
                method: vote
            output: vote
            """);

        Assert.Equal(3, pattern.Stages.Length);
    }

    [Fact]
    public void Voting_on_a_refine_of_one_draft_still_says_a_list_is_needed()
    {
        var diagnostic = Assert.Single(Patterns.Diagnose("""
            name: refine-one
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: draft
                kind: prompt
                template: "{{ question }}"
              - id: refined
                kind: refine
                from: draft
                stop_when: ACCEPT
                critique: { template: "{{ draft }}" }
                revise: { template: "{{ draft }} {{ critique }}" }
              - id: vote
                kind: reduce
                from: refined
                method: vote
            output: vote
            """));

        Assert.Equal("'from' names stage 'refined', which yields one value, but a reduce stage needs a list (from fan_out, map, a refine of a list, or a prompt that extracts a JSON array)", diagnostic.Message);
    }

    [Fact]
    public void Mapping_over_a_pattern_stage_that_yields_one_value_says_a_list_is_needed()
    {
        var diagnostic = Assert.Single(Diagnose(_dir.Write("outer.yaml", """
            name: outer
            version: 1.0.0
            inputs:
              question: { type: string }
            stages:
              - id: critiqued
                kind: pattern
                pattern: self-critique
                inputs: { question: "{{ question }}" }
              - id: each
                kind: map
                over: critiqued
                body: { template: "{{ item }}" }
            output: each
            """)));

        Assert.StartsWith("'over' names stage 'critiqued', which yields one value", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_built_in_code_resolves_its_includes_when_compiled()
    {
        var definition = Patterns.Parse(Including("chain-of-thought"));
        var stage = (PatternStage)definition.Stages[0];
        var unresolved = definition with { Stages = [stage with { Call = stage.Call with { Definition = null } }] };

        var resolved = PatternFile.ResolveIncludes(unresolved, BuiltIns);

        Assert.Equal("chain-of-thought", ((PatternStage)resolved.Stages[0]).Call.Definition!.Name);
    }
}
