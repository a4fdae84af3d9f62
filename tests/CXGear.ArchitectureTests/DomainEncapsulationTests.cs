namespace CXGear.ArchitectureTests;

public sealed class DomainEncapsulationTests
{
    /// <summary>
    /// Types that are not entities: exceptions may take <c>init</c> members (for example
    /// <c>RetryAfterSeconds</c>). Static classes, enums and interfaces hold no instance state.
    /// </summary>
    private static readonly string[] ExemptSuffixes = ["Exception"];

    [Test]
    public void Domain_types_change_state_only_through_their_own_methods()
    {
        var scanned = Layers.Domain.GetTypes()
            .Where(t => t is { IsEnum: false, IsInterface: false } && !(t.IsAbstract && t.IsSealed))
            .Where(t => !PublicSetters.IsCompilerGenerated(t))
            .Where(t => !ExemptSuffixes.Any(s => t.Name.EndsWith(s, StringComparison.Ordinal)))
            .ToList();

        var offenders = scanned.SelectMany(PublicSetters.In).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scanned.Select(t => t.Name), Is.SupersetOf(new[] { "Organization", "User", "Session", "LoginThrottle", "Role" }), "the scan must cover the entities");
            Assert.That(offenders, Is.Empty, "domain entities must use private setters: " + string.Join(", ", offenders));
        }
    }

    [Test]
    public void The_scan_flags_public_setters_init_accessors_and_writable_fields()
    {
        var offenders = PublicSetters.In(typeof(LeakyEntity)).ToList();

        Assert.That(offenders, Is.EquivalentTo(new[]
        {
            $"{typeof(LeakyEntity).FullName}.Name (public set)",
            $"{typeof(LeakyEntity).FullName}.Code (public set)",
            $"{typeof(LeakyEntity).FullName}.Count (writable public field)",
        }));
    }

    [Test]
    public void The_scan_accepts_private_setters()
    {
        Assert.That(PublicSetters.In(typeof(SealedEntity)), Is.Empty);
    }

    private sealed class LeakyEntity
    {
        public const int Max = 3;
        public static readonly int Min = 1;
        public int Count = 1;

        public string Name { get; set; } = string.Empty;

        public string Code { get; init; } = string.Empty;

        public string Label { get; private set; } = string.Empty;
    }

    private sealed class SealedEntity
    {
        public string Name { get; private set; } = string.Empty;

        public string Upper => Name.ToUpperInvariant();

        public void Rename(string name) => Name = name;
    }
}
