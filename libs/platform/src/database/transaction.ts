/**
 * Repositories inject `TransactionHost<TransactionalAdapterTypeOrm>` (write the generic out in the
 * constructor: decorator metadata cannot see through a type alias) and read `txHost.tx`, an
 * EntityManager: inside a `@Transactional()` method it is the open transaction, outside it the
 * DataSource's manager.
 */
export { TransactionHost, Transactional } from '@nestjs-cls/transactional';
export { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
