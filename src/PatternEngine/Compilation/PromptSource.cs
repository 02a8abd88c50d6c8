using PatternEngine.Definitions;

namespace PatternEngine.Compilation;

/// <summary>
/// Composes a prompt's Scriban source for its Semantic Kernel function: the system template, the user
/// template, and, for prompts that call tools by the text protocol, its instructions and conversation turns.
/// </summary>
internal static class PromptSource
{
    /// <summary>The argument holding the tool instructions (data, never executed).</summary>
    public const string ToolInstructionsVariable = "tool_instructions";

    /// <summary>The argument holding the tool conversation: the model's call, then the result, alternately.</summary>
    public const string ToolTurnsVariable = "tool_turns";

    /// <summary>The source; <paramref name="textToolProtocol"/> adds the instructions and turns of the text protocol.</summary>
    public static string Compose(PromptSpec spec, bool textToolProtocol)
    {
        var hasTools = textToolProtocol && !spec.Tools.IsDefaultOrEmpty;
        var source = "";
        if (spec.System is not null || hasTools)
        {
            source += "{{ role \"system\" }}" + (spec.System ?? "");
            if (hasTools)
            {
                source += "\n\n{{ " + ToolInstructionsVariable + " }}";
            }

            source += "{{ role \"user\" }}";
        }

        source += spec.Template;
        if (hasTools)
        {
            source += "{{ for turn in " + ToolTurnsVariable + " }}{{ role (for.even ? \"assistant\" : \"user\") }}{{ turn }}{{ end }}";
        }

        return source;
    }
}
