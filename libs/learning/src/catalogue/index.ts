export * from './learning-item-skill.entity.js';
export * from './learning-item.entity.js';
