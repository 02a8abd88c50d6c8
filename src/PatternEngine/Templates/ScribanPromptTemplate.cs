using System.Collections;
using Microsoft.SemanticKernel;
using Scriban;
using Scriban.Runtime;

namespace PatternEngine.Templates;

/// <summary>A parsed Scriban template that renders Kernel arguments into Semantic Kernel chat markup.</summary>
internal sealed class ScribanPromptTemplate(Template template) : IPromptTemplate
{
    private static readonly Func<string, RoleMarker> RoleFunction = RoleMarker.Create;

    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        var context = new PromptRenderContext { CancellationToken = cancellationToken };
        context.PushGlobal(ToScriptObject(arguments));
        template.Render(context);
        var markup = context.ToChatMarkup();
        return markup.Length == 0 ? throw new EmptyPromptException() : Task.FromResult(markup);
    }

    // One fresh scope per render: arguments are read-only, what the template assigns lives and dies with the
    // render, and role is set last so that no argument can hide it.
    private static ScriptObject ToScriptObject(KernelArguments? arguments)
    {
        var globals = new ScriptObject(StringComparer.Ordinal);
        foreach (var (name, value) in arguments ?? [])
        {
            globals.SetValue(name, ToScriptValue(value), readOnly: true);
        }

        globals.Import("role", RoleFunction);
        globals.SetReadOnly("role", true);
        return globals;
    }

    // Values stay plain data: strings, numbers and lists of them; nothing a template could call into.
    private static object? ToScriptValue(object? value) => value switch
    {
        null or string or bool or int or long or double or decimal => value,
        IEnumerable items => new ScriptArray(items.Cast<object?>().Select(ToScriptValue)),
        _ => value.ToString(),
    };
}
