import { createHash } from 'node:crypto';
import { DefaultNamingStrategy, type NamingStrategyInterface, type Table, type View } from 'typeorm';

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

function tableNameOf(tableOrName: Table | View | string): string {
  const name = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
  return name.split('.').pop() ?? name;
}

/** Keeps a generated identifier under PostgreSQL's 63-byte limit while staying readable. */
function limit(identifier: string): string {
  if (identifier.length <= 63) return identifier;
  const hash = createHash('sha1').update(identifier).digest('hex').slice(0, 8);
  return `${identifier.slice(0, 54)}_${hash}`;
}

/**
 * snake_case tables and columns, and readable constraint names for anything not named explicitly:
 * `pk_<table>`, `fk_<table>_<columns>`, `uq_<table>_<columns>`, `ix_<table>_<columns>`.
 * Entities still name their constraints explicitly; this is the fallback.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName);
  }

  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return snakeCase(embeddedPrefixes.concat(customName ?? propertyName).join('_'));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override joinTableName(firstTableName: string, secondTableName: string): string {
    return snakeCase(`${firstTableName}_${secondTableName}`);
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(`${tableName}_${columnName ?? propertyName}`);
  }

  override primaryKeyName(tableOrName: Table | string, _columnNames?: string[]): string {
    return limit(`pk_${tableNameOf(tableOrName)}`);
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return limit(`fk_${tableNameOf(tableOrName)}_${columnNames.join('_')}`);
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return limit(`uq_${tableNameOf(tableOrName)}_${columnNames.join('_')}`);
  }

  override relationConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return limit(`rel_${tableNameOf(tableOrName)}_${columnNames.join('_')}`);
  }

  override indexName(tableOrName: Table | View | string, columnNames: string[]): string {
    return limit(`ix_${tableNameOf(tableOrName)}_${columnNames.join('_')}`);
  }

  override defaultConstraintName(tableOrName: Table | string, columnName: string): string {
    return limit(`df_${tableNameOf(tableOrName)}_${columnName}`);
  }

  override checkConstraintName(tableOrName: Table | string, expression: string, isEnum?: boolean): string {
    const hash = createHash('sha1').update(expression).digest('hex').slice(0, 8);
    return limit(`ck_${tableNameOf(tableOrName)}_${isEnum ? 'enum_' : ''}${hash}`);
  }
}
