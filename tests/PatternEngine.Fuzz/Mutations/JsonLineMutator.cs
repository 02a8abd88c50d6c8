using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatternEngine.Fuzz.Mutations;

/// <summary>
/// Mutations that know JSON Lines: one line's tree changed (a value replaced with a hostile raw one, a field removed,
/// renamed, added or repeated), or whole lines deleted, repeated, swapped or joined.
/// </summary>
internal static class JsonLineMutator
{
    private const string Placeholder = "\u00a7RAW\u00a7";

    public static string Mutate(string text, Random random, out string name)
    {
        var lines = LineMutations.Split(text);
        var at = random.Next(lines.Count);
        var choice = random.Next(8);
        switch (choice)
        {
            case < 4:
                name = "json-value";
                lines[at] = MutateLine(lines[at], random);
                break;
            case 4 or 5:
                name = LineMutations.Edit(lines, at, repeat: choice == 5, random);
                break;
            case 6:
                name = "join-lines";
                if (at + 1 < lines.Count)
                {
                    lines[at] += lines[at + 1];
                    lines.RemoveAt(at + 1);
                }

                break;
            default:
                name = "repeat-field";
                lines[at] = lines[at].StartsWith('{') ? "{\"id\": \"dup\", " + lines[at][1..] : lines[at];
                break;
        }

        return string.Join('\n', lines);
    }

    private static string MutateLine(string line, Random random)
    {
        JsonNode? root;
        var slots = new List<(JsonNode Owner, object Key)>();
        try
        {
            root = JsonNode.Parse(line);
            Collect(root, slots);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return line; // a line earlier mutations broke (or gave a repeated field) is left to the other mutations
        }

        if (root is null || slots.Count == 0)
        {
            return line;
        }

        var (owner, key) = slots[random.Next(slots.Count)];
        var raw = HostileValues.JsonValues[random.Next(HostileValues.JsonValues.Length)];
        switch (random.Next(4), owner, key)
        {
            case (0, JsonObject obj, string field):
                obj.Remove(field);
                break;
            case (1, JsonObject obj, string field):
                var value = obj[field];
                obj.Remove(field);
                obj[HostileValues.FieldNames[random.Next(HostileValues.FieldNames.Length)] + (random.Next(2) == 0 ? "" : field)] = value;
                break;
            case (_, JsonObject obj, string field):
                obj[field] = Placeholder;
                break;
            case (_, JsonArray list, int index):
                list[index] = Placeholder;
                break;
        }

        return root.ToJsonString().Replace($"\"{Placeholder}\"", raw, StringComparison.Ordinal);
    }

    private static void Collect(JsonNode? node, List<(JsonNode, object)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (field, value) in obj.ToList())
                {
                    slots.Add((obj, field));
                    Collect(value, slots);
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    slots.Add((list, i));
                    Collect(list[i], slots);
                }

                break;
        }
    }
}
