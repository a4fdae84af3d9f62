using System.Text.Json;
using CXGear.Domain.DataTables;
using CXGear.Domain.Organizations;
using CXGear.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class DataTableConfiguration : IEntityTypeConfiguration<DataTable>
{
    private static readonly ValueComparer<IReadOnlyList<string>> ListComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());

    public void Configure(EntityTypeBuilder<DataTable> builder)
    {
        builder.ToTable("DataTables");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(DataTable.MaxNameLength).IsRequired();

        // Ordered name lists, read and written whole with the table: JSON text keeps them in one column each.
        StringList(builder.Property(t => t.Columns).HasField("_columns"));
        StringList(builder.Property(t => t.MetadataFields).HasField("_metadataFields"));

        // The lookup prefix is how the public webhook finds its table; unique while set (several tables have none).
        builder.Property(t => t.IngestTokenPrefix).HasMaxLength(20);
        builder.HasIndex(t => t.IngestTokenPrefix).IsUnique();
        builder.Property(t => t.IngestTokenHash).HasMaxLength(32).IsFixedLength();
        builder.Ignore(t => t.IngestEnabled);
        builder.Ignore(t => t.HasColumns);

        builder.HasIndex(t => new { t.OrganizationId, t.ProjectId, t.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        // A project's delete takes its tables along (and their rows, through DataRows' own cascade).
        builder.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void StringList(PropertyBuilder<IReadOnlyList<string>> property) =>
        property
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>(),
                ListComparer)
            .IsRequired();
}
