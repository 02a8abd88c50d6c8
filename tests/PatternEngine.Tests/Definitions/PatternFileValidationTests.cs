using PatternEngine.Definitions;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Definitions;

public sealed class PatternFileValidationTests
{
    private const string Header = "name: demo\nversion: 1.0.0\ninputs:\n  question: { type: string }\n";

    private static void AssertReports(string yaml, int line, int column, string messagePart)
    {
        var diagnostics = Patterns.Diagnose(yaml);
        var match = diagnostics.FirstOrDefault(d => d.Message.Contains(messagePart, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected a diagnostic containing '{messagePart}', got:\n{string.Join("\n", diagnostics)}");
        Assert.Equal(new SourceLocation("test.yaml", line, column), match.Location);
        Assert.StartsWith($"test.yaml:{line}:{column}: ", match.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_file_has_no_diagnostics()
    {
        var pattern = Patterns.Parse(Header + "stages:\n  - id: answer\n    kind: prompt\n    template: \"{{ question }}\"\noutput: answer\n");

        Assert.Equal("demo", pattern.Name);
        Assert.Single(pattern.Stages);
    }

    [Fact]
    public void Broken_yaml_is_reported_where_the_parser_stopped() =>
        AssertReports("name: x\nstages: [\n", 3, 1, "invalid YAML");

    [Fact]
    public void A_duplicate_yaml_key_is_reported_at_the_second_key() =>
        AssertReports("name: a\nname: b\n", 2, 1, "duplicate key 'name'; it is already set on line 1");

    [Fact]
    public void An_empty_file_is_reported() =>
        AssertReports("", 1, 1, "the file is empty");

    [Fact]
    public void A_missing_required_field_is_reported_at_its_owner() =>
        AssertReports("name: demo\nversion: 1\nstages:\n  - id: a\n    kind: prompt\n    template: x\n", 1, 1, "missing the required field 'output'");

    [Fact]
    public void An_unknown_field_is_reported_with_the_allowed_ones() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: x\n    colour: red\noutput: a\n", 9, 5, "unknown field 'colour'");

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_the_value() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: x\n    max_tokens: lots\noutput: a\n", 9, 17, "must be a whole number");

    [Fact]
    public void An_unknown_stage_kind_is_reported_with_the_known_ones() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: banana\n    template: x\noutput: a\n", 7, 11, "use one of 'prompt', 'fan_out'");

    [Fact]
    public void A_fan_out_count_out_of_range_is_reported_at_the_count() =>
        AssertReports(Header + "stages:\n  - id: s\n    kind: fan_out\n    count: 100\n    body: { template: x }\noutput: s\n", 8, 12, "the maximum is 64");

    [Fact]
    public void A_round_count_out_of_range_is_reported_at_the_count() =>
        AssertReports(
            Header + "stages:\n  - id: d\n    kind: prompt\n    template: x\n  - id: r\n    kind: refine\n    from: d\n    max_rounds: 0\n    stop_when: OK\n    critique: { template: x }\n    revise: { template: x }\noutput: r\n",
            12, 17, "the minimum is 1");

    [Fact]
    public void A_stage_id_that_templates_cannot_name_is_reported() =>
        AssertReports(Header + "stages:\n  - id: my-stage\n    kind: prompt\n    template: x\noutput: my_stage\n", 6, 9, "does not have the right form");

    [Fact]
    public void A_duplicate_stage_id_is_reported_at_the_second_stage() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: x\n  - id: a\n    kind: prompt\n    template: y\noutput: a\n", 9, 9, "duplicate stage id 'a'");

    [Fact]
    public void A_stage_named_like_an_input_is_reported() =>
        AssertReports(Header + "stages:\n  - id: question\n    kind: prompt\n    template: x\noutput: question\n", 6, 9, "also an input's name");

    [Fact]
    public void An_output_that_names_no_stage_is_reported() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: x\noutput: b\n", 9, 9, "output names unknown stage 'b'");

    [Fact]
    public void A_reference_to_an_unknown_stage_is_reported() =>
        AssertReports(Header + "stages:\n  - id: v\n    kind: reduce\n    from: samples\n    method: vote\noutput: v\n", 8, 11, "unknown stage or input 'samples'");

    [Fact]
    public void A_cycle_is_reported_with_its_path() =>
        AssertReports("name: demo\nversion: 1\nstages:\n  - id: a\n    kind: prompt\n    template: \"{{ b }}\"\n  - id: b\n    kind: prompt\n    template: \"{{ a }}\"\noutput: a\n", 9, 19, "cycle: a -> b -> a");

    [Fact]
    public void An_undeclared_variable_is_reported_at_its_place_in_a_block_template() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: |\n      First line.\n      Use {{ missing }} here.\noutput: a\n", 10, 14, "undeclared variable 'missing'");

    [Fact]
    public void An_undeclared_variable_is_reported_at_its_place_in_an_inline_template() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: \"Hi {{ nope }}\"\noutput: a\n", 8, 22, "undeclared variable 'nope'");

    [Fact]
    public void A_variable_bound_by_the_stage_is_declared() =>
        Patterns.Parse(Header + "stages:\n  - id: s\n    kind: fan_out\n    count: 2\n    body: { template: \"{{ question }} #{{ index }}\" }\noutput: s\n");

    [Fact]
    public void A_stage_that_reads_itself_is_reported() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: \"{{ a }}\"\noutput: a\n", 8, 19, "reads its own value");

    [Fact]
    public void A_template_that_is_not_valid_scriban_is_reported() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: \"{{ if }}\"\noutput: a\n", 8, 22, "is not valid Scriban");

    [Fact]
    public void An_invalid_extraction_regex_is_reported() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: x\n    extract: { regex: \"([a-z\" }\noutput: a\n", 9, 14, "not a valid regular expression");

    [Fact]
    public void An_invalid_stop_regex_is_reported() =>
        AssertReports(
            Header + "stages:\n  - id: d\n    kind: prompt\n    template: x\n  - id: r\n    kind: refine\n    from: d\n    stop_when: \"(\"\n    critique: { template: x }\n    revise: { template: x }\noutput: r\n",
            12, 16, "'stop_when' is not a valid regular expression");

    [Fact]
    public void An_invalid_json_path_is_reported() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: x\n    extract: { json_path: \"$.[[\" }\noutput: a\n", 9, 14, "not a valid JSON path");

    [Fact]
    public void An_invalid_output_schema_is_reported() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    template: x\n    output_schema: { type: banana }\noutput: a\n", 9, 28, "\"banana\" is not allowed");

    [Fact]
    public void Mapping_over_a_stage_that_yields_one_value_is_reported() =>
        AssertReports(
            Header + "stages:\n  - id: a\n    kind: prompt\n    template: x\n  - id: b\n    kind: reduce\n    from: a\n    method: first\n  - id: m\n    kind: map\n    over: b\n    body: { template: \"{{ item }}\" }\noutput: m\n",
            15, 11, "yields one value");

    [Fact]
    public void A_condition_that_is_not_a_valid_expression_is_reported() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    when: \"question ==\"\n    template: x\noutput: a\n", 8, 11, "the when expression of stage 'a' is not valid Scriban");

    [Fact]
    public void A_condition_that_reads_an_undeclared_name_is_reported() =>
        AssertReports(Header + "stages:\n  - id: a\n    kind: prompt\n    when: \"flag\"\n    template: x\noutput: a\n", 8, 12, "undeclared variable 'flag' in the when of stage 'a'");

    [Fact]
    public void A_name_templates_reserve_cannot_be_a_stage_id() =>
        AssertReports(Header + "stages:\n  - id: date\n    kind: prompt\n    template: x\noutput: date\n", 6, 9, "stage id 'date' is a name templates reserve");

    [Fact]
    public void Every_problem_of_a_file_is_reported_not_just_the_first()
    {
        var diagnostics = Patterns.Diagnose(Header + "stages:\n  - id: a\n    kind: prompt\n    template: \"{{ x }} {{ y }}\"\noutput: b\n");

        Assert.Equal(3, diagnostics.Count);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var diagnostics = PatternFile.Check("/nowhere/p.yaml");

        Assert.Equal("/nowhere/p.yaml:1:1: cannot read the pattern file: no such file", Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void Final_answer_extraction_is_switched_on_with_true_and_stands_alone()
    {
        var stage = "stages:\n  - id: answer\n    kind: prompt\n    template: \"{{ question }}\"\n    extract: { final_answer: EXTRACT }\noutput: answer\n";

        Assert.True(Patterns.Parse(Header + stage.Replace("EXTRACT", "true", StringComparison.Ordinal)).Stages[0].Prompts.Single().Prompt.Extract!.FinalAnswer);
        Assert.NotEmpty(Patterns.Diagnose(Header + stage.Replace("EXTRACT", "false", StringComparison.Ordinal)));
        Assert.NotEmpty(Patterns.Diagnose(Header + stage.Replace("EXTRACT", "true, regex: \"x\"", StringComparison.Ordinal)));
    }
}
