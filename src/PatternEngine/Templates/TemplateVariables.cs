using Scriban;
using Scriban.Functions;
using Scriban.Syntax;

namespace PatternEngine.Templates;

/// <summary>A name a template reads from outside itself, with where it is read (0-based, within the template).</summary>
internal readonly record struct TemplateVariable(string Name, int Line, int Column);

/// <summary>
/// Finds the names a parsed template reads from its arguments, every read in template order: globals it has
/// not assigned or bound in a loop before reading them.
/// </summary>
internal static class TemplateVariables
{
    /// <summary>
    /// Names a template may read without an argument: Scriban's built-in objects, the loop objects
    /// (<c>for.index</c>), and <c>role</c>. Inputs and stages may not take these names.
    /// </summary>
    public static IReadOnlySet<string> ReservedNames { get; } =
        new HashSet<string>([.. new BuiltinFunctions().Keys, "role", "for", "while", "tablerow"], StringComparer.Ordinal);

    public static IReadOnlyList<TemplateVariable> Of(Template template)
    {
        var collector = new Collector();
        collector.Visit(template.Page);
        return collector.Reads;
    }

    // Visits in template order, so a name read before it is assigned counts as a read.
    private sealed class Collector : ScriptVisitor
    {
        private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

        public List<TemplateVariable> Reads { get; } = [];

        public override void Visit(ScriptVariableGlobal node)
        {
            if (!_declared.Contains(node.Name) && !ReservedNames.Contains(node.Name))
            {
                Reads.Add(new TemplateVariable(node.Name, node.Span.Start.Line, node.Span.Start.Column));
            }
        }

        // In a.b only a is read from outside; b is a member of it.
        public override void Visit(ScriptMemberExpression node) => node.Target?.Accept(this);

        public override void Visit(ScriptAssignExpression node)
        {
            node.Value?.Accept(this);
            if (!Declare(node.Target))
            {
                node.Target?.Accept(this); // an assignment into a member or index reads its target
            }
        }

        public override void Visit(ScriptForStatement node)
        {
            node.Iterator?.Accept(this);
            Declare(node.Variable);
            node.Body?.Accept(this);
            node.Else?.Accept(this);
        }

        public override void Visit(ScriptCaptureStatement node)
        {
            Declare(node.Target);
            node.Body?.Accept(this);
        }

        public override void Visit(ScriptFunction node)
        {
            Declare(node.NameOrDoToken as ScriptExpression);
            base.Visit(node);
        }

        private bool Declare(ScriptExpression? target)
        {
            if (target is ScriptVariableGlobal variable)
            {
                _declared.Add(variable.Name);
                return true;
            }

            return false;
        }
    }
}
