using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Queries.ListApiKeys;

public sealed class ListApiKeysValidator : FluentValidation.AbstractValidator<ListApiKeysQuery>
{
    public ListApiKeysValidator() => this.AddPagingRules();
}
