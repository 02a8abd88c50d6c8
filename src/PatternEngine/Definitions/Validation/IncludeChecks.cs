namespace PatternEngine.Definitions.Validation;

/// <summary>
/// A stage that runs another pattern binds what that pattern takes: every required input, no input it does not
/// take, each with a value of the input's type; its templates read only declared names; its model overrides name
/// stages of that pattern that call a model. A fan-out or map has exactly one body: a prompt or a pattern.
/// </summary>
internal static class IncludeChecks
{
    public static void Run(ValidationContext context, StageDefinition stage)
    {
        CheckOneBody(context, stage);
        if (stage.Includes is not { } call)
        {
            return;
        }

        var binder = stage.IncludesPerItem ? "this body" : "this stage";
        foreach (var (name, template) in call.Inputs)
        {
            ScriptCheck.Run(context, stage, template, "inputs." + name, call.LocationOfInput(name), stage.IncludeLocals, binder);
        }

        // An included pattern that could not be found or loaded is reported where it is named.
        if (call.Definition is not { } included)
        {
            return;
        }

        CheckBindings(context, stage, call, included);
        CheckModels(context, call, included);
    }

    private static void CheckOneBody(ValidationContext context, StageDefinition stage)
    {
        var (prompt, pattern) = stage switch
        {
            FanOutStage f => (f.Body, f.PatternBody),
            MapStage m => (m.Body, m.PatternBody),
            _ => (null, null),
        };
        if (stage is FanOutStage or MapStage && (prompt is null) == (pattern is null))
        {
            context.Report(stage.Source.Of("body"), $"stage '{stage.Id}' needs one body: a prompt (template, ...) or a pattern (pattern, inputs), not {(prompt is null ? "neither" : "both")}");
        }
    }

    private static void CheckBindings(ValidationContext context, StageDefinition stage, PatternCall call, PatternDefinition included)
    {
        var inputs = included.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var takes = inputs.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", inputs.Keys);
        foreach (var (name, template) in call.Inputs)
        {
            if (!inputs.TryGetValue(name, out var input))
            {
                context.Report(call.LocationOfInput(name), $"stage '{stage.Id}' binds input '{name}', which pattern '{included.Name}' does not take; {takes}");
                continue;
            }

            var source = BindingSource.Of(context, stage, template);
            if (!source.Fits(input.Type))
            {
                context.Report(call.LocationOfInput(name),
                    $"input '{name}' of pattern '{included.Name}' takes {Execution.InputValues.Describe(input.Type)}, but stage '{stage.Id}' binds it to {source.Description}{Advice(source, input)}");
            }
        }

        foreach (var input in included.Inputs.Where(i => i.Required && i.Default is null && !call.Inputs.ContainsKey(i.Name)))
        {
            var what = input.Description.Length == 0 ? "" : $" ({input.Description.TrimEnd('.')})";
            context.Report(call.Source.Of(call.Inputs.IsEmpty ? "pattern" : "inputs"),
                $"stage '{stage.Id}' does not bind input '{input.Name}'{what}, which pattern '{included.Name}' needs; add it under inputs, as {input.Name}: \"{{{{ ... }}}}\"");
        }
    }

    private static string Advice(BindingSource source, InputDefinition input) => (source.Kind, input.Type) switch
    {
        (BindingSource.Kinds.List, _) => "; bind one item ({{ x[0] }}) or join the items ({{ x | array.join \"\\n\" }})",
        (_, InputType.List) => "; bind a list: a list stage or input, or items in brackets",
        _ => "",
    };

    private static void CheckModels(ValidationContext context, PatternCall call, PatternDefinition included)
    {
        var routable = QualifiedStages.Of(included).Where(s => s.Stage.Prompts.Any()).Select(s => s.Id).ToList();
        foreach (var stage in call.Models.Keys.Where(k => !routable.Contains(k, StringComparer.Ordinal)))
        {
            var known = routable.Count == 0 ? "it has none" : string.Join(", ", routable);
            context.Report(call.LocationOfModel(stage), $"models names stage '{stage}', which is not a stage of pattern '{included.Name}' that calls a model; those are {known}");
        }
    }
}
