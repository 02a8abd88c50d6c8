using System.Text.RegularExpressions;

namespace PatternEngine.Fuzz.Mutations;

/// <summary>
/// Mutations that know YAML's shape without parsing it (the text may no longer parse): a field's value replaced with a
/// hostile one, a field added, lines deleted, repeated, swapped or re-indented, aliases made, hostile blocks inserted,
/// nesting and alias chains grown.
/// </summary>
internal static partial class YamlMutator
{
    public static string Mutate(string text, Random random, out string name)
    {
        var lines = LineMutations.Split(text);
        var at = random.Next(lines.Count);
        var choice = random.Next(10);
        switch (choice)
        {
            case 0 or 1:
                name = "replace-value";
                ReplaceValue(lines, random);
                break;
            case 2:
                name = "add-field";
                lines.Insert(at, $"{Indent(lines[at])}{Pick(random, HostileValues.FieldNames)}: {Pick(random, random.Next(2) == 0 ? HostileValues.PlausibleScalars : HostileValues.YamlScalars)}");
                break;
            case 3 or 4:
                name = LineMutations.Edit(lines, at, repeat: choice == 4, random);
                break;
            case 5:
                name = "reindent";
                lines[at] = random.Next(2) == 0 ? "  " + lines[at] : lines[at].TrimStart();
                break;
            case 6:
                name = "alias";
                MakeAlias(lines, random);
                break;
            case 7:
                name = "insert-block";
                lines.Insert(at, Indent(lines[at]) + Pick(random, HostileValues.YamlBlocks));
                break;
            case 8:
                name = "nest";
                lines.Insert(at, $"{Indent(lines[at])}deep: {Nesting(random)}");
                break;
            default:
                name = "laughs";
                lines.InsertRange(random.Next(lines.Count + 1), Laughs(random.Next(2, 10), random.Next(2, 10)));
                break;
        }

        return string.Join('\n', lines);
    }

    // A field's whole value, or one value inside a flow mapping ({ a: 1, b: 2 }); half the time an ordinary value.
    private static void ReplaceValue(List<string> lines, Random random)
    {
        var fields = lines.Select((line, index) => (line, index)).Where(l => Field().IsMatch(l.line)).ToList();
        if (fields.Count == 0)
        {
            return;
        }

        var (line, index) = fields[random.Next(fields.Count)];
        var value = Pick(random, random.Next(2) == 0 ? HostileValues.PlausibleScalars : HostileValues.YamlScalars);
        var inner = InnerField().Matches(line);
        if (inner.Count > 0 && random.Next(2) == 0)
        {
            var pick = inner[random.Next(inner.Count)].Groups["value"];
            lines[index] = line[..pick.Index] + value + line[(pick.Index + pick.Length)..];
            return;
        }

        lines[index] = $"{Field().Match(line).Groups["key"].Value}: {value}";
    }

    // Anchors one field's value and uses it as another's: aliases within the limits, or inside their own node.
    private static void MakeAlias(List<string> lines, Random random)
    {
        var fields = lines.Select((line, index) => (line, index)).Where(l => Field().Match(l.line) is { Success: true } m && m.Groups["value"].Length > 0).ToList();
        if (fields.Count < 2)
        {
            return;
        }

        // Mostly the anchor first, as YAML needs; sometimes the other way round.
        var (first, second) = (random.Next(fields.Count), random.Next(fields.Count));
        var ((anchored, a), (aliased, b)) = random.Next(4) == 0 || first <= second ? (fields[first], fields[second]) : (fields[second], fields[first]);
        var field = Field().Match(anchored);
        lines[a] = $"{field.Groups["key"].Value}: &f {field.Groups["value"].Value}";
        lines[b] = $"{Field().Match(aliased).Groups["key"].Value}: *f";
    }

    private static string Nesting(Random random)
    {
        var depth = random.Next(2) == 0 ? random.Next(1, 80) : random.Next(60, 3000);
        return random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);
    }

    private static IEnumerable<string> Laughs(int levels, int width)
    {
        yield return $"l0: &l0 [{string.Join(", ", Enumerable.Repeat("lol", width))}]";
        for (var level = 1; level < levels; level++)
        {
            yield return $"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", width))}]";
        }
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart(' ', '-').Length)];

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    [GeneratedRegex(@"^(?<key>\s*(?:-\s+)?[A-Za-z_$][\w$]*):\s*(?<value>.*)$")]
    private static partial Regex Field();

    [GeneratedRegex(@"(?<=[{,]\s*)[A-Za-z_$][\w$]*:\s*(?<value>[^,{}\[\]]+?)\s*(?=[,}])")]
    private static partial Regex InnerField();
}
