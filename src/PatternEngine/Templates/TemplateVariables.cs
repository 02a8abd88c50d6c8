using Scriban;
using Scriban.Functions;
using Scriban.Syntax;

namespace PatternEngine.Templates;

/// <summary>A name a template reads from outside itself, with where it is read (0-based, within the template).</summary>
internal readonly record struct TemplateVariable(string Name, int Line, int Column);

/// <summary>Finds the names a parsed template reads from its arguments: globals it neither assigns nor loops over.</summary>
internal static class TemplateVariables
{
    private static readonly HashSet<string> BuiltIns = [.. new BuiltinFunctions().Keys, "role"];

    public static IReadOnlyList<TemplateVariable> Of(Template template)
    {
        var collector = new Collector();
        collector.Visit(template.Page);
        return collector.Reads
            .Where(read => !collector.Declared.Contains(read.Name) && !BuiltIns.Contains(read.Name))
            .ToList();
    }

    private sealed class Collector : ScriptVisitor
    {
        public List<TemplateVariable> Reads { get; } = [];

        public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);

        public override void Visit(ScriptVariableGlobal node)
        {
            Reads.Add(new TemplateVariable(node.Name, node.Span.Start.Line, node.Span.Start.Column));
            base.Visit(node);
        }

        public override void Visit(ScriptAssignExpression node)
        {
            Declare(node.Target);
            base.Visit(node);
        }

        public override void Visit(ScriptForStatement node)
        {
            Declare(node.Variable);
            base.Visit(node);
        }

        public override void Visit(ScriptCaptureStatement node)
        {
            Declare(node.Target);
            base.Visit(node);
        }

        public override void Visit(ScriptFunction node)
        {
            Declare(node.NameOrDoToken as ScriptExpression);
            base.Visit(node);
        }

        private void Declare(ScriptExpression? target)
        {
            if (target is ScriptVariableGlobal variable)
            {
                Declared.Add(variable.Name);
            }
        }
    }
}
