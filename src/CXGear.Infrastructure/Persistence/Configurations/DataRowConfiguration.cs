using CXGear.Domain.DataTables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

/// <summary>
/// The row store (docs/decisions/0011-row-storage.md): the primary key (DataTableId, Sequence) is the clustered
/// order on SQL Server (a table's rows sit together in insertion order) and a unique index on SQLite, so
/// a page or a job's scan is a range seek. No other index: every secondary index would slow each bulk insert.
/// </summary>
internal sealed class DataRowConfiguration : IEntityTypeConfiguration<DataRow>
{
    public const string Table = "DataRows";

    public void Configure(EntityTypeBuilder<DataRow> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(r => new { r.DataTableId, r.Sequence });
        builder.Property(r => r.Sequence).ValueGeneratedNever();
        builder.Property(r => r.Values).IsRequired();
        builder.HasOne<DataTable>().WithMany().HasForeignKey(r => r.DataTableId).OnDelete(DeleteBehavior.Cascade);
    }
}
