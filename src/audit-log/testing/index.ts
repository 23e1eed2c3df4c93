export { treeReaches } from './tree-reaches';
