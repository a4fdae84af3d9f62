using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Routes to the first branch whose condition holds, else to <see cref="Default"/>.</summary>
public sealed class DecisionStep : SpinnerStep
{
    internal DecisionStep(string id, IReadOnlyList<DecisionBranch> branches, string defaultNext)
        : base(id, next: null)
    {
        Branches = branches;
        Default = defaultNext;
    }

    public override string Type => StepTypes.Decision;

    public IReadOnlyList<DecisionBranch> Branches { get; }

    public string Default { get; }

    public override IEnumerable<string> Targets => Branches.Select(b => b.Next).Append(Default);

    private protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("branches");
        foreach (var branch in Branches)
        {
            branch.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteString("default", Default);
    }
}
