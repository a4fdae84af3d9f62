namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// Link checks over all steps. Steps that no path reaches are allowed (a builder can park a step while editing;
/// it never runs), but they are checked like the others, cycles included, so linking one in later cannot
/// reveal an old mistake at publish time.
/// </summary>
internal static class StepGraph
{
    private enum Mark
    {
        Unvisited,
        OnPath,
        Done,
    }

    public static void Check(IReadOnlyList<StepNode> nodes, List<DefinitionError> errors)
    {
        var byId = new Dictionary<string, StepNode>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n.Id is not null))
        {
            if (!byId.TryAdd(node.Id!, node))
            {
                errors.Add(new DefinitionError($"{node.Path}.id", $"Step id '{node.Id}' is already used by {byId[node.Id!].Path}."));
            }
        }

        foreach (var node in nodes)
        {
            foreach (var (path, target) in node.Links.Where(l => !byId.ContainsKey(l.Target)))
            {
                errors.Add(new DefinitionError(path, $"No step has id '{target}'."));
            }
        }

        var marks = byId.Values.ToDictionary(n => n, _ => Mark.Unvisited);
        var trail = new List<StepNode>();
        foreach (var node in byId.Values)
        {
            Visit(node, byId, marks, trail, errors);
        }
    }

    private static void Visit(StepNode node, Dictionary<string, StepNode> byId, Dictionary<StepNode, Mark> marks, List<StepNode> trail, List<DefinitionError> errors)
    {
        if (marks[node] != Mark.Unvisited)
        {
            return;
        }

        marks[node] = Mark.OnPath;
        trail.Add(node);
        foreach (var (path, target) in node.Links)
        {
            if (!byId.TryGetValue(target, out var next))
            {
                continue;
            }

            if (marks[next] == Mark.OnPath)
            {
                var loop = trail.Skip(trail.IndexOf(next)).Select(n => n.Id).Append(next.Id);
                errors.Add(new DefinitionError(path, $"This link closes a cycle ({string.Join(" → ", loop)}); a record runs each step at most once."));
            }
            else
            {
                Visit(next, byId, marks, trail, errors);
            }
        }

        trail.RemoveAt(trail.Count - 1);
        marks[node] = Mark.Done;
    }
}
