using Microsoft.SemanticKernel;
using Scriban;
using Scriban.Runtime;

namespace PatternEngine.Templates;

/// <summary>A parsed Scriban template that renders Kernel arguments into the prompt Semantic Kernel sends.</summary>
internal sealed class ScribanPromptTemplate(Template template) : IPromptTemplate
{
    // Made once: importing a delegate builds its reflection wrapper on every call. It holds no state, so every
    // render may share it, like the shared built-ins.
    private static readonly IScriptCustomFunction RoleFunction = DynamicCustomFunction.Create(RoleMarker.Create);

    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        var context = PromptRenderContext.Rent(cancellationToken);
        try
        {
            context.PushGlobal(ToScriptObject(arguments));
            template.Render(context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a render that finished gives its context back; one that threw may have left it half-way.
            throw context.Abandon(e);
        }

        var prompt = context.ToPrompt();
        context.Return();
        return prompt switch
        {
            null => throw new PromptRenderException($"the prompt is longer than {InputLimits.MaxPromptChars:N0} characters (the prompt limit); it is not cut short"),
            "" => throw new EmptyPromptException(),
            _ => Task.FromResult(prompt),
        };
    }

    // One fresh scope per render: arguments are read-only, what the template assigns lives and dies with the
    // render, and role is set last so that no argument can hide it.
    private static ScriptObject ToScriptObject(KernelArguments? arguments)
    {
        var globals = new ScriptObject(StringComparer.Ordinal);
        foreach (var (name, value) in arguments ?? [])
        {
            globals.SetValue(name, ScriptValues.From(value), readOnly: true);
        }

        globals.SetValue("role", RoleFunction, readOnly: true);
        return globals;
    }
}
