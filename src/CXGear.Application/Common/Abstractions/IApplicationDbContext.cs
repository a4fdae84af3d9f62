using CXGear.Domain.ApiKeys;
using CXGear.Domain.Audit;
using CXGear.Domain.Auth;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
using CXGear.Domain.Channels;
using CXGear.Domain.DataTables;
using CXGear.Domain.Jobs;
using CXGear.Domain.Organizations;
using CXGear.Domain.Projects;
using CXGear.Domain.Sessions;
using CXGear.Domain.Spinners;
using CXGear.Domain.Users;
using CXGear.Domain.Integrations;
using CXGear.Domain.Vault;
using CXGear.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// The unit of work handlers use. Handlers query it directly; there is no repository layer over it.
/// Organization-owned sets are filtered to the caller's organization by a global query filter, so a
/// handler cannot read another organization's rows by forgetting a <c>Where</c>; code that must cross
/// organizations (sign-in, operators) says so with <c>IgnoreQueryFilters()</c>.
/// </summary>
public interface IApplicationDbContext
{
    DbSet<Organization> Organizations { get; }
    DbSet<User> Users { get; }
    DbSet<Role> Roles { get; }
    DbSet<Session> Sessions { get; }
    DbSet<RefreshToken> RefreshTokens { get; }

    /// <summary>One-time codes of provider sign-ins (Google), swapped for a session at <c>POST /auth/exchange</c>.</summary>
    DbSet<SignInCode> SignInCodes { get; }
    DbSet<PasswordResetToken> PasswordResetTokens { get; }
    DbSet<LoginThrottle> LoginThrottles { get; }
    DbSet<Project> Projects { get; }
    DbSet<UsageCounter> UsageCounters { get; }

    /// <summary>LLM calls and tokens per organization and month: a usage line, not a meter with a cap.</summary>
    DbSet<AiTokenUsage> AiTokenUsages { get; }
    DbSet<AuditEvent> AuditEvents { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<DataTable> DataTables { get; }

    /// <summary>Read only through a table of the caller's organization; written by <see cref="IBulkRowWriter"/>.</summary>
    DbSet<DataRow> DataRows { get; }

    DbSet<Spinner> Spinners { get; }

    /// <summary>Confined through their spinner, like rows through their table.</summary>
    DbSet<SpinnerVersion> SpinnerVersions { get; }

    DbSet<Job> Jobs { get; }

    /// <summary>Confined through their job.</summary>
    DbSet<JobRecord> JobRecords { get; }

    /// <summary>Confined through their record.</summary>
    DbSet<RecordEvent> RecordEvents { get; }

    /// <summary>Not organization-owned: one row per runtime instance, written by the instances' own heartbeat.</summary>
    DbSet<RuntimeInstance> RuntimeInstances { get; }

    /// <summary>Values are encrypted (<c>IVaultCipher</c>); the plain value exists only while a runtime step uses it.</summary>
    DbSet<VaultSecret> VaultSecrets { get; }

    /// <summary>Which vault label, model and endpoint each LLM provider uses, per organization.</summary>
    DbSet<AiProviderSetting> AiProviderSettings { get; }

    /// <summary>Tokens are encrypted like vault values; a phone number id belongs to one organization at a time.</summary>
    DbSet<Channel> Channels { get; }

    /// <summary>Hashes of OAuth states, read across organizations only by the anonymous connection callback.</summary>
    DbSet<ChannelConnectState> ChannelConnectStates { get; }

    /// <summary>Inbound and outbound messages of the organization's channels.</summary>
    DbSet<ChannelMessage> ChannelMessages { get; }

    /// <summary>Not organization-owned: signed webhook bodies waiting to be applied (the applier finds the owner).</summary>
    DbSet<ChannelWebhookDelivery> ChannelWebhookDeliveries { get; }

    /// <summary>The organization's billing country, email, Stripe customer and current subscription.</summary>
    DbSet<BillingAccount> BillingAccounts { get; }

    /// <summary>Not organization-owned: provider webhook events taken in, by provider and event id (a replay finds its row).</summary>
    DbSet<BillingEventReceipt> BillingEventReceipts { get; }

    /// <summary>Where each organization's events are pushed; signing secrets are encrypted like vault values.</summary>
    DbSet<WebhookEndpoint> WebhookEndpoints { get; }

    /// <summary>The outbox: events written in the transaction of their cause, one body each.</summary>
    DbSet<WebhookMessage> WebhookMessages { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }

    /// <summary>Confined through their delivery.</summary>
    DbSet<WebhookAttempt> WebhookAttempts { get; }

    DatabaseFacade Database { get; }

    /// <summary>For bulk work that saves in batches and must not keep every saved entity tracked.</summary>
    ChangeTracker ChangeTracker { get; }

    /// <summary>
    /// Waits for this process's turn to write, where the engine has a single writer (SQLite); null where it does
    /// not. Held from before the transaction begins until it ends.
    /// </summary>
    ValueTask<IDisposable?> EnterWriteTurnAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True where the engine locks rows and can skip the ones another transaction holds (PostgreSQL's
    /// <c>FOR UPDATE SKIP LOCKED</c>, asked for with <c>RowLocks.ForUpdateSkipLocked</c>); claims then lock their row
    /// first, so two instances never wait on each other's candidates.
    /// </summary>
    bool SkipsLockedRows { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
