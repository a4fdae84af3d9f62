using CXGear.Domain.DataTables;
using CXGear.Domain.Organizations;
using CXGear.Domain.Projects;
using CXGear.Domain.Spinners;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class SpinnerConfiguration : IEntityTypeConfiguration<Spinner>
{
    public void Configure(EntityTypeBuilder<Spinner> builder)
    {
        builder.ToTable("Spinners");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Spinner.MaxNameLength).IsRequired();

        // Canonical JSON of at most 100 steps of bounded size: unbounded text (nvarchar(max) on SQL Server).
        builder.Property(s => s.DraftDefinition).IsRequired();

        // Two simultaneous publishes must not both write version N+1 (see PublishSpinnerHandler).
        builder.Property(s => s.CurrentVersion).IsConcurrencyToken();

        builder.OwnsOne(s => s.StartWhen, when =>
        {
            when.Property(w => w.Field).HasColumnName("StartWhenField").HasMaxLength(DefinitionLimits.MaxFieldLength).IsRequired();
            when.Property(w => w.EqualsText).HasColumnName("StartWhenEquals").HasMaxLength(DefinitionLimits.MaxEqualsLength).IsRequired();
        });
        builder.Navigation(s => s.StartWhen).IsRequired(false);

        builder.Property(s => s.ScheduleCron).HasMaxLength(100);
        builder.Property(s => s.ScheduleTimeZone).HasMaxLength(64);
        builder.Ignore(s => s.IsSupporting);
        builder.Ignore(s => s.IsPublished);
        builder.Ignore(s => s.IsArchived);
        builder.Ignore(s => s.HasSchedule);

        builder.HasIndex(s => new { s.OrganizationId, s.ProjectId, s.CreatedAt });

        // The runtime's schedule scan: enabled schedules by due time, across organizations.
        builder.HasIndex(s => s.ScheduleNextDueAt);

        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        // The project is the one cascade path into spinners (SQL Server refuses a second one through DataTables).
        builder.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);

        // A table in use by spinners cannot be deleted on its own (409, DeleteDataTableHandler); a project's delete
        // removes its spinners first, then the cascade takes the tables.
        builder.HasOne<DataTable>().WithMany().HasForeignKey(s => s.DataTableId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Spinner>().WithMany().HasForeignKey(s => s.ParentSpinnerId).OnDelete(DeleteBehavior.NoAction);
    }
}
