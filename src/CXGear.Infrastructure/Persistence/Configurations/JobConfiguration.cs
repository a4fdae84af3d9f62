using CXGear.Domain.Jobs;
using CXGear.Domain.Organizations;
using CXGear.Domain.Projects;
using CXGear.Domain.Spinners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.Origin).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.ClaimedBy).HasMaxLength(200);
        builder.Property(j => j.Error).HasMaxLength(Job.MaxErrorLength);
        builder.Ignore(j => j.IsFinished);
        builder.Ignore(j => j.Duration);

        // A project's jobs newest first; the runtime's scan of queued jobs (and expired leases).
        builder.HasIndex(j => new { j.OrganizationId, j.ProjectId, j.CreatedAt });
        builder.HasIndex(j => new { j.Status, j.CreatedAt });

        builder.HasOne<Organization>().WithMany().HasForeignKey(j => j.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        // Jobs go with their spinner (a project's delete removes its spinners, and the cascade takes the jobs);
        // the project key is NO ACTION, since SQL Server refuses a second cascade path from Projects.
        builder.HasOne<Spinner>().WithMany().HasForeignKey(j => j.SpinnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("JobRecords");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Payload).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Disposition).HasMaxLength(JobRecord.MaxDispositionLength);
        builder.Property(r => r.Error).HasMaxLength(JobRecord.MaxErrorLength);

        // Pages of a job's records are a range seek on (job, sequence); the pair is unique.
        builder.HasIndex(r => new { r.JobId, r.Sequence }).IsUnique();

        // A project's records filtered by status (failed ones, say) seek each job's range of that status in sequence
        // order, and count it from the index alone (decisions/0032).
        builder.HasIndex(r => new { r.JobId, r.Status, r.Sequence });
        builder.HasOne<Job>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecordEventConfiguration : IEntityTypeConfiguration<RecordEvent>
{
    public void Configure(EntityTypeBuilder<RecordEvent> builder)
    {
        builder.ToTable("RecordEvents");
        builder.HasKey(e => new { e.RecordId, e.Index });
        builder.Property(e => e.StepId).HasMaxLength(RecordEvent.MaxStepIdLength).IsRequired();
        builder.Property(e => e.Type).HasMaxLength(RecordEvent.MaxTypeLength).IsRequired();
        builder.Property(e => e.Outcome).HasMaxLength(RecordEvent.MaxOutcomeLength).IsRequired();
        builder.Property(e => e.Message).HasMaxLength(RecordEvent.MaxMessageLength);
        builder.HasOne<JobRecord>().WithMany().HasForeignKey(e => e.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
