using CXGear.Application.Common.Abstractions;
using CXGear.Domain.ApiKeys;
using CXGear.Domain.Audit;
using CXGear.Domain.Auth;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
using CXGear.Domain.Channels;
using CXGear.Domain.DataTables;
using CXGear.Domain.Idempotency;
using CXGear.Domain.Jobs;
using CXGear.Domain.Organizations;
using CXGear.Domain.Projects;
using CXGear.Domain.Sessions;
using CXGear.Domain.Spinners;
using CXGear.Domain.Users;
using CXGear.Domain.Integrations;
using CXGear.Domain.Vault;
using CXGear.Domain.Webhooks;
using CXGear.Infrastructure.Billing;
using CXGear.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Persistence;

/// <summary>
/// The one model. Each provider has a subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="SqlServerAppDbContext"/>, <see cref="PostgresAppDbContext"/>) so that each keeps its own migrations set.
/// </summary>
/// <remarks>
/// Every save also counts plan meters, in one place: units held by added or deleted entities
/// (<see cref="IHoldsMeterUnits"/>) and changes entities recorded (<see cref="IRecordsMeterChanges"/>) are applied
/// right after the rows are written, in the same transaction, so a full meter (PLAN_LIMIT) rolls the change back.
/// </remarks>
public abstract class AppDbContext(DbContextOptions options, ICurrentPrincipal? principal, UsageMeters? meters = null)
    : IdentityUserContext<ApplicationUser, Guid>(options), IApplicationDbContext, IDataProtectionKeyContext
{
    /// <summary>No turn-taking by default: SQL Server locks rows, so writers of different rows run side by side.</summary>
    public virtual ValueTask<IDisposable?> EnterWriteTurnAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    public virtual bool SkipsLockedRows => false;

    public DbSet<Organization> Organizations => Set<Organization>();
    public new DbSet<User> Users => Set<User>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<SignInCode> SignInCodes => Set<SignInCode>();
    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();
    public DbSet<PasswordResetThrottle> PasswordResetThrottles => Set<PasswordResetThrottle>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<UsageCounter> UsageCounters => Set<UsageCounter>();
    public DbSet<AiTokenUsage> AiTokenUsages => Set<AiTokenUsage>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DataTable> DataTables => Set<DataTable>();
    public DbSet<DataRow> DataRows => Set<DataRow>();
    public DbSet<Spinner> Spinners => Set<Spinner>();
    public DbSet<SpinnerVersion> SpinnerVersions => Set<SpinnerVersion>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobRecord> JobRecords => Set<JobRecord>();
    public DbSet<RecordEvent> RecordEvents => Set<RecordEvent>();
    public DbSet<RuntimeInstance> RuntimeInstances => Set<RuntimeInstance>();
    public DbSet<VaultSecret> VaultSecrets => Set<VaultSecret>();
    public DbSet<AiProviderSetting> AiProviderSettings => Set<AiProviderSetting>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookMessage> WebhookMessages => Set<WebhookMessage>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<ChannelConnectState> ChannelConnectStates => Set<ChannelConnectState>();
    public DbSet<ChannelMessage> ChannelMessages => Set<ChannelMessage>();
    public DbSet<ChannelWebhookDelivery> ChannelWebhookDeliveries => Set<ChannelWebhookDelivery>();
    public DbSet<BillingAccount> BillingAccounts => Set<BillingAccount>();
    public DbSet<BillingEventReceipt> BillingEventReceipts => Set<BillingEventReceipt>();

    /// <summary>
    /// The Data Protection key ring (vault values, channel tokens), in the database so every instance reads the same
    /// keys. Not organization-owned; only the Data Protection system reads it.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Only for saves that move no meter: the Data Protection key store saves synchronously when it adds a key.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries().Any(e => e.Entity is IHoldsMeterUnits or IRecordsMeterChanges && e.State != EntityState.Unchanged))
        {
            throw new NotSupportedException("Save asynchronously: meters are counted on the asynchronous path only.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Read before the save: deleted entities leave the change tracker once their rows are gone.
        var changes = MeterChangesOfTrackedEntities();
        if (changes.Count > 0 && (meters is null || Database.CurrentTransaction is null))
        {
            // Saved on its own, the change would commit before its meters are counted (or without them).
            throw new InvalidOperationException("Metered changes are saved inside a unit of work's transaction, by a context built with meters.");
        }

        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (changes.Count > 0)
        {
            await meters!.ApplyAsync(this, changes, cancellationToken);
        }

        return saved;
    }

    /// <summary>
    /// An added entity takes what it holds now (what it recorded on the way there is already in that); a deleted one
    /// gives back what it holds now plus undoes what it recorded since it was read; any other only what it recorded.
    /// </summary>
    private List<MeterChange> MeterChangesOfTrackedEntities()
    {
        var changes = new List<MeterChange>();
        foreach (var entry in ChangeTracker.Entries())
        {
            var recorded = entry.Entity is IRecordsMeterChanges recorder ? recorder.DrainMeterChanges() : [];
            var held = entry.Entity as IHoldsMeterUnits;
            switch (entry.State)
            {
                case EntityState.Added when held is not null:
                    changes.AddRange(held.HeldUnits());
                    break;
                case EntityState.Deleted when held is not null:
                    changes.AddRange(recorded);
                    changes.AddRange(held.HeldUnits().Select(u => u.Negated()));
                    break;
                default:
                    changes.AddRange(recorded);
                    break;
            }
        }

        return changes;
    }

    /// <summary>
    /// The caller's organization, read at each query (the filters below are parameterised on it). With no
    /// organization (anonymous, background work) the filtered sets are empty, never everyone's.
    /// </summary>
    private Guid? TenantId => principal?.OrganizationId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Organization isolation by construction: every organization-owned set is confined to the caller's.
        builder.Entity<Organization>().HasQueryFilter(o => o.Id == TenantId);
        builder.Entity<User>().HasQueryFilter(u => u.OrganizationId == TenantId);
        builder.Entity<Role>().HasQueryFilter(r => r.OrganizationId == null || r.OrganizationId == TenantId);
        builder.Entity<Session>().HasQueryFilter(s => s.OrganizationId == TenantId);
        builder.Entity<Project>().HasQueryFilter(p => p.OrganizationId == TenantId);
        builder.Entity<UsageCounter>().HasQueryFilter(c => c.OrganizationId == TenantId);
        builder.Entity<AiTokenUsage>().HasQueryFilter(u => u.OrganizationId == TenantId);
        builder.Entity<AuditEvent>().HasQueryFilter(e => e.OrganizationId == TenantId);
        builder.Entity<ApiKey>().HasQueryFilter(k => k.OrganizationId == TenantId);
        builder.Entity<DataTable>().HasQueryFilter(t => t.OrganizationId == TenantId);

        // Rows carry no organization column (16 bytes and an index on every one of millions of rows); they are
        // confined through their table, which the filter above confines to the caller's organization.
        builder.Entity<DataRow>().HasQueryFilter(r => DataTables.Any(t => t.Id == r.DataTableId));
        builder.Entity<Spinner>().HasQueryFilter(s => s.OrganizationId == TenantId);
        builder.Entity<SpinnerVersion>().HasQueryFilter(v => Spinners.Any(s => s.Id == v.SpinnerId));
        builder.Entity<Job>().HasQueryFilter(j => j.OrganizationId == TenantId);
        builder.Entity<VaultSecret>().HasQueryFilter(s => s.OrganizationId == TenantId);
        builder.Entity<AiProviderSetting>().HasQueryFilter(s => s.OrganizationId == TenantId);
        builder.Entity<Channel>().HasQueryFilter(c => c.OrganizationId == TenantId);
        builder.Entity<ChannelConnectState>().HasQueryFilter(s => s.OrganizationId == TenantId);
        builder.Entity<ChannelMessage>().HasQueryFilter(m => m.OrganizationId == TenantId);
        builder.Entity<BillingAccount>().HasQueryFilter(a => a.OrganizationId == TenantId);
        builder.Entity<WebhookEndpoint>().HasQueryFilter(e => e.OrganizationId == TenantId);
        builder.Entity<WebhookMessage>().HasQueryFilter(m => m.OrganizationId == TenantId);
        builder.Entity<WebhookDelivery>().HasQueryFilter(d => d.OrganizationId == TenantId);
        builder.Entity<WebhookAttempt>().HasQueryFilter(a => WebhookDeliveries.Any(d => d.Id == a.DeliveryId));

        // Records and their events are confined through their job, like rows through their table.
        builder.Entity<JobRecord>().HasQueryFilter(QueryFilters.RecordsThroughJob, r => Jobs.Any(j => j.Id == r.JobId));
        builder.Entity<RecordEvent>().HasQueryFilter(e => JobRecords.Any(r => r.Id == e.RecordId));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC; reading it back must say so, whatever the provider stored.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        configurationBuilder.Properties<string>().AreUnicode(true);
    }
}
