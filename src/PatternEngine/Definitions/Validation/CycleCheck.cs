namespace PatternEngine.Definitions.Validation;

/// <summary>Stage references form a directed acyclic graph; a cycle is reported with its path.</summary>
internal static class CycleCheck
{
    private enum Mark { Unvisited, InProgress, Done }

    public static void Run(ValidationContext context)
    {
        var marks = context.Pattern.Stages.ToDictionary(s => s.Id, _ => Mark.Unvisited, StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var stage in context.Pattern.Stages)
        {
            if (Visit(context, stage.Id, marks, path))
            {
                return; // one cycle at a time: fixing it often breaks the others
            }
        }
    }

    private static bool Visit(ValidationContext context, string id, Dictionary<string, Mark> marks, List<string> path)
    {
        if (marks[id] == Mark.Done)
        {
            return false;
        }

        if (marks[id] == Mark.InProgress)
        {
            var cycle = path.Skip(path.IndexOf(id)).Append(id).ToList();
            var at = context.Dependencies[cycle[^2]].First(d => d.StageId == id).At;
            context.Report(at, $"stages form a cycle: {string.Join(" -> ", cycle)}; a stage may only read stages that do not read it back");
            return true;
        }

        marks[id] = Mark.InProgress;
        path.Add(id);
        foreach (var (dependency, _) in context.Dependencies.GetValueOrDefault(id) ?? [])
        {
            if (Visit(context, dependency, marks, path))
            {
                return true;
            }
        }

        path.RemoveAt(path.Count - 1);
        marks[id] = Mark.Done;
        return false;
    }
}
