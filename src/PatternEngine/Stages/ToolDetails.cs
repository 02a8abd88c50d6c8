using System.Text.Json.Nodes;
using PatternEngine.Compilation;

namespace PatternEngine.Stages;

/// <summary>The tool calls of a prompt, as stage details; null when it called none.</summary>
internal static class ToolDetails
{
    public static JsonObject? Of(params PromptResult[] results)
    {
        var calls = results.SelectMany(r => r.ToolCalls).ToList();
        if (calls.Count == 0)
        {
            return null;
        }

        var array = new JsonArray();
        foreach (var call in calls)
        {
            array.Add(new JsonObject
            {
                ["tool"] = call.Tool,
                ["arguments"] = call.Arguments,
                ["result"] = call.Result,
                ["error"] = call.Error,
            });
        }

        return new JsonObject { ["tool_calls"] = array };
    }
}
